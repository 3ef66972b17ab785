# Public marketing website bucket, served as a static site.
resource "google_storage_bucket" "www" {
  name     = "www.acme-widgets.example"
  project  = "acme-web-prod"
  location = "US"

  uniform_bucket_level_access = true

  website {
    main_page_suffix = "index.html"
    not_found_page   = "404.html"
  }

  cors {
    origin          = ["https://www.acme-widgets.example"]
    method          = ["GET", "HEAD"]
    response_header = ["Content-Type"]
    max_age_seconds = 3600
  }
}

resource "google_storage_bucket_iam_member" "www_public_read" {
  bucket = google_storage_bucket.www.name
  role   = "roles/storage.objectViewer"
  member = "allUsers" # near-miss: public-grant
}

resource "google_storage_bucket_iam_member" "www_deployer" {
  bucket = google_storage_bucket.www.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:web-deployer@acme-web-prod.iam.gserviceaccount.com"
}

resource "google_storage_bucket" "www_logs" {
  name                        = "acme-web-prod-access-logs"
  project                     = "acme-web-prod"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}
