"""Join-code redemption for classrooms in the Pinefield learning platform."""
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_POST

from .models import Enrollment, JoinCode


@login_required
@require_POST
@transaction.atomic
def redeem_join_code(request):  # flaw: reusable-invite
    code_value = request.POST["code"].strip().upper()
    join = get_object_or_404(JoinCode.objects.select_for_update(), code=code_value)
    if join.expires_at <= timezone.now():
        return JsonResponse({"error": "expired"}, status=410)
    if join.redeemed_by_id is not None:
        return JsonResponse({"error": "already used"}, status=409)
    join.redeemed_by = request.user
    join.redeemed_at = timezone.now()
    join.save(update_fields=["redeemed_by", "redeemed_at"])
    Enrollment.objects.create(classroom=join.classroom, student=request.user, role=join.role)
    return JsonResponse({"classroom": join.classroom_id})


def issue_join_code(classroom, student_email: str, role: str = "student", days: int = 7) -> JoinCode:
    return JoinCode.objects.create(
        classroom=classroom,
        code=JoinCode.generate_code(),
        student_email=student_email.strip().lower(),
        role=role,
        expires_at=timezone.now() + timedelta(days=days),
    )


@login_required
def my_enrollments(request):
    rows = Enrollment.objects.filter(student=request.user).values("classroom_id", "role")
    return JsonResponse({"enrollments": list(rows)})
