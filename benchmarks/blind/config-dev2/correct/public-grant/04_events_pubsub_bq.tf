locals {
  project_id = "acme-events-prod"
  topics = {
    "clickstream" = ["serviceAccount:web-edge@acme-web-prod.iam.gserviceaccount.com"]
    "app-events"  = ["serviceAccount:mobile-gateway@acme-mobile-prod.iam.gserviceaccount.com"]
  }
}

resource "google_service_account" "events_loader" {
  project    = local.project_id
  account_id = "events-loader"
}

resource "google_pubsub_topic" "events" {
  for_each = local.topics
  project  = local.project_id
  name     = each.key
}

resource "google_pubsub_topic_iam_binding" "publishers" {
  for_each = local.topics
  project  = local.project_id
  topic    = google_pubsub_topic.events[each.key].name
  role     = "roles/pubsub.publisher"
  members  = each.value # near-miss: public-grant
}

resource "google_bigquery_dataset" "events_raw" {
  project    = local.project_id
  dataset_id = "events_raw"
  location   = "US"
}

resource "google_bigquery_dataset_iam_binding" "loader" {
  project    = local.project_id
  dataset_id = google_bigquery_dataset.events_raw.dataset_id
  role       = "roles/bigquery.dataEditor"
  members    = ["serviceAccount:${google_service_account.events_loader.email}"]
}

resource "google_bigquery_dataset_iam_member" "analysts" {
  project    = local.project_id
  dataset_id = google_bigquery_dataset.events_raw.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = "group:all-analysts@acme.example" # near-miss: public-grant
}
