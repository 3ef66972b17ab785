"""Litestar handler adding a member to Google Workspace groups (Oakhaven schools)."""
from dataclasses import dataclass

from google.oauth2 import service_account
from googleapiclient.discovery import build
from litestar import Request, post
from litestar.exceptions import NotAuthorizedException

SCOPES = ["https://www.googleapis.com/auth/admin.directory.group.member"]


@dataclass
class AddMember:
    email: str


def directory_client(subject: str):
    creds = service_account.Credentials.from_service_account_file("/etc/oakhaven/sa.json", scopes=SCOPES, subject=subject)
    return build("admin", "directory_v1", credentials=creds, cache_discovery=False)


@post("/groups/members")
async def add_group_member(request: Request, data: AddMember) -> dict:
    staff = request.user
    if not staff or not staff.is_teacher:
        raise NotAuthorizedException()
    group_key = request.headers.get("X-Target-Group", "students@oakhaven.example")
    member_role = request.headers.get("X-Member-Role", "MEMBER")
    body = {"email": data.email, "role": member_role}
    directory = directory_client(subject="groups-bot@oakhaven.example")
    directory.members().insert(groupKey=group_key, body=body).execute()  # flaw: role-from-input
    return {"group": group_key, "email": data.email, "role": member_role}
