"""Billing admin views for staff (Django)."""
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from billing.services import change_plan, pricing_table


@require_POST
@staff_member_required
@permission_required("billing.change_plan", raise_exception=True)
def set_plan(request, account_id: int):
    plan = request.POST.get("plan")
    if plan not in ("free", "pro", "enterprise"):
        return HttpResponseBadRequest("unknown plan")
    change_plan(account_id, plan, actor=request.user)
    return JsonResponse({"ok": True, "plan": plan})


@require_GET
def public_pricing(request):  # near-miss: authz-missing
    """Marketing site pricing table; public by design."""
    return JsonResponse({"plans": pricing_table()})


@require_GET
@login_required
def my_invoices(request):
    invoices = request.user.account.invoices.order_by("-issued_at")[:24]
    return JsonResponse({"invoices": [{"number": i.number, "total": i.total_cents} for i in invoices]})
