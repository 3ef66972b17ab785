resource "google_bigquery_dataset" "market_data" {
  dataset_id    = "market_data_daily"
  project       = "acme-research"
  location      = "EU"
  friendly_name = "Daily market data snapshots"
}

resource "google_bigquery_dataset_iam_binding" "readers" {
  dataset_id = google_bigquery_dataset.market_data.dataset_id
  project    = "acme-research"
  role       = "roles/bigquery.dataViewer"
  members = [
    "group:quant-research@acme.example",
    "allAuthenticatedUsers", # flaw: public-grant
  ]
}

resource "google_pubsub_topic" "price_ticks" {
  name    = "price-ticks"
  project = "acme-research"
  message_retention_duration = "86400s"
}

resource "google_pubsub_topic_iam_member" "tick_subscribers" {
  project = "acme-research"
  topic   = google_pubsub_topic.price_ticks.name
  role    = "roles/pubsub.subscriber"
  member  = "allUsers" # flaw: public-grant
}

resource "google_pubsub_subscription" "archiver" {
  name    = "price-ticks-archiver"
  project = "acme-research"
  topic   = google_pubsub_topic.price_ticks.id

  ack_deadline_seconds = 30
}

resource "google_pubsub_subscription_iam_member" "archiver" {
  project      = "acme-research"
  subscription = google_pubsub_subscription.archiver.name
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:archiver@acme-research.iam.gserviceaccount.com"
}
