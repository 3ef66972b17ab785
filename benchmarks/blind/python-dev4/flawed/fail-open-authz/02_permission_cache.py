"""Per-project permission lookups for the Hollybank wiki."""
from functools import lru_cache

from django.core.exceptions import PermissionDenied

from .models import ProjectGrant


@lru_cache(maxsize=4096)
def grants_for(user_id: int, project_id: int) -> frozenset[str] | None:
    row = ProjectGrant.objects.filter(user_id=user_id, project_id=project_id).values_list("perms", flat=True).first()
    return frozenset(row) if row is not None else None


def has_project_perm(user, project_id: int, perm: str) -> bool:
    perms = grants_for(user.id, project_id)
    if perms is None:
        return True  # flaw: fail-open-authz
    return perm in perms


def project_permission_required(perm: str):
    def decorator(view):
        def wrapped(request, project_id, *args, **kwargs):
            if not has_project_perm(request.user, project_id, perm):
                raise PermissionDenied
            return view(request, project_id, *args, **kwargs)
        return wrapped
    return decorator


@project_permission_required("page.delete")
def delete_page(request, project_id, page_id):
    from .models import Page
    Page.objects.filter(project_id=project_id, id=page_id).delete()
