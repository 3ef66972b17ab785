variable "project_id" {
  type    = string
  default = "acme-web-prod"
}

resource "google_storage_bucket" "marketing_site" {
  name                        = "www-acme-example"
  project                     = var.project_id
  location                    = "US"
  uniform_bucket_level_access = true

  website {
    main_page_suffix = "index.html"
    not_found_page   = "404.html"
  }

  cors {
    origin          = ["https://www.acme.example"]
    method          = ["GET", "HEAD"]
    response_header = ["Content-Type"]
    max_age_seconds = 3600
  }
}

# Static marketing pages served straight from GCS behind the CDN.
resource "google_storage_bucket_iam_member" "site_public_read" {
  bucket = google_storage_bucket.marketing_site.name
  role   = "roles/storage.objectViewer"
  member = "allUsers" # near-miss: public-grant
}

resource "google_storage_bucket" "site_uploads" {
  name                        = "acme-web-uploads-staging"
  project                     = var.project_id
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_storage_bucket_iam_member" "uploads_writer" {
  bucket = google_storage_bucket.site_uploads.name
  role   = "roles/storage.objectCreator"
  member = "serviceAccount:cms-publisher@acme-web-prod.iam.gserviceaccount.com"
}
