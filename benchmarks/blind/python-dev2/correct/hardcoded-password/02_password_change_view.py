"""Self-service password change for the Django customer area."""
from django import forms
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import validate_password
from django.shortcuts import redirect, render

PASSWORD_FIELD = "password"  # near-miss: hardcoded-password
COMMON_PASSWORDS = frozenset({"password", "123456", "qwerty", "letmein", "welcome1", "admin"})  # near-miss: hardcoded-password


class ChangePasswordForm(forms.Form):
    current_password = forms.CharField(widget=forms.PasswordInput)
    new_password = forms.CharField(widget=forms.PasswordInput)
    confirm_password = forms.CharField(widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        current = data.get("current_password", "")
        new = data.get("new_password", "")
        if not self.user.check_password(current):
            raise forms.ValidationError("Current password is incorrect.")
        if new != data.get("confirm_password"):  # near-miss: hardcoded-password
            raise forms.ValidationError("The new passwords do not match.")
        if new == current:  # near-miss: hardcoded-password
            raise forms.ValidationError("Choose a password you have not used here before.")
        if new.lower() in COMMON_PASSWORDS:
            raise forms.ValidationError("That password is too common.")
        validate_password(new, self.user)
        return data


@login_required
def change_password(request):
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.user.set_password(form.cleaned_data["new_password"])
        request.user.save(update_fields=[PASSWORD_FIELD])
        update_session_auth_hash(request, request.user)
        return redirect("account:security")
    return render(request, "account/change_password.html", {"form": form})
