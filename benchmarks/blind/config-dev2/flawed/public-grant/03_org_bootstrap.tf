variable "org_id" {
  type    = string
  default = "123456789012"
}

variable "platform_folder_id" {
  type    = string
  default = "folders/345678901234"
}

resource "google_service_account" "terraform_runner" {
  project    = "acme-seed"
  account_id = "terraform-runner"
}

resource "google_organization_iam_member" "runner_impersonation" {
  org_id = var.org_id
  role   = "roles/iam.serviceAccountTokenCreator" # flaw: public-grant
  member = "group:platform-engineers@acme.example"
}

resource "google_folder_iam_binding" "platform_editors" {
  folder = var.platform_folder_id
  role   = "roles/editor" # flaw: public-grant
  members = [
    "serviceAccount:${google_service_account.terraform_runner.email}",
  ]
}

resource "google_folder_iam_member" "platform_viewers" {
  folder = var.platform_folder_id
  role   = "roles/browser"
  member = "group:engineering@acme.example"
}

resource "google_organization_iam_member" "billing_viewer" {
  org_id = var.org_id
  role   = "roles/billing.viewer"
  member = "group:finops@acme.example"
}
