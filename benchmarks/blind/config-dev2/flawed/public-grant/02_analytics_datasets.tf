locals {
  project_id = "acme-analytics-prod"

  dataset_readers = {
    marketing = ["group:marketing-analysts@acme.example"]
    product   = ["group:product-analytics@acme.example", "allAuthenticatedUsers"] # flaw: public-grant
    finance   = ["group:finance-bi@acme.example"]
  }

  reader_grants = flatten([
    for ds, members in local.dataset_readers : [
      for m in members : { dataset = ds, member = m }
    ]
  ])
}

resource "google_bigquery_dataset" "domains" {
  for_each   = local.dataset_readers
  project    = local.project_id
  dataset_id = "${each.key}_curated"
  location   = "EU"
}

resource "google_bigquery_dataset_iam_member" "readers" {
  for_each   = { for g in local.reader_grants : "${g.dataset}-${g.member}" => g }
  project    = local.project_id
  dataset_id = google_bigquery_dataset.domains[each.value.dataset].dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = each.value.member
}

resource "google_artifact_registry_repository" "sdk" {
  project       = local.project_id
  location      = "europe"
  repository_id = "analytics-sdk"
  format        = "PYTHON"
}

resource "google_artifact_registry_repository_iam_member" "sdk_readers" {
  project    = local.project_id
  location   = google_artifact_registry_repository.sdk.location
  repository = google_artifact_registry_repository.sdk.name
  role       = "roles/artifactregistry.reader"
  member     = "allUsers" # flaw: public-grant
}
