"""OAuth login callback and expense approvals (Django views)."""

import requests
from django.conf import settings
from django.shortcuts import redirect
from django.contrib.auth import login

from .models import Expense
from .users import get_or_create_user

def oauth_callback(request):  # expect: IDG142
    code = request.GET.get("code")
    token_response = requests.post(settings.OAUTH_TOKEN_URL, data={
        "client_id": settings.OAUTH_CLIENT_ID,
        "client_secret": settings.OAUTH_CLIENT_SECRET,
        "code": code,
        "grant_type": "authorization_code",
        "redirect_uri": settings.OAUTH_REDIRECT_URI,
    })
    access_token = token_response.json()["access_token"]
    userinfo = requests.get(settings.OAUTH_USERINFO_URL, headers={"Authorization": f"Bearer {access_token}"}).json()
    user = get_or_create_user(userinfo)
    login(request, user)
    next_url = request.GET.get("next", "/")
    return redirect(next_url)  # expect: IDG145

def approve_expense(request, expense_id):  # expect: IDG152
    expense = Expense.objects.get(id=expense_id)
    expense.status = "approved"
    expense.approved_by = request.user
    expense.save()
    return redirect("expenses")
