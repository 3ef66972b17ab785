# Static marketing site for thistle.example, served straight from GCS.
resource "google_storage_bucket" "site" {
  name                        = "www.thistle.example"
  project                     = "thistle-web"
  location                    = "US"
  uniform_bucket_level_access = true

  website {
    main_page_suffix = "index.html"
    not_found_page   = "404.html"
  }
}

resource "google_storage_bucket_iam_member" "site_public_read" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.objectViewer"
  member = "allUsers" # near-miss: public-grant
}

resource "google_storage_bucket_iam_member" "site_publisher" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:site-publisher@thistle-web.iam.gserviceaccount.com"
}

resource "google_storage_bucket" "drafts" {
  name                        = "thistle-web-drafts"
  project                     = "thistle-web"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_storage_bucket_iam_member" "drafts_editors" {
  bucket = google_storage_bucket.drafts.name
  role   = "roles/storage.objectUser"
  member = "group:marketing-web@thistle.example"
}
