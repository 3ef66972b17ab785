"""Password policy checks used by the Django signup and change-password forms."""
from django import forms
from django.contrib.auth import password_validation

COMMON_PASSWORDS = {"password", "123456", "qwerty", "letmein", "welcome1", "admin123"}  # near-miss: hardcoded-password
MIN_LENGTH = 12


def policy_errors(password: str, username: str) -> list[str]:
    errors = []
    if len(password) < MIN_LENGTH:
        errors.append(f"Use at least {MIN_LENGTH} characters.")
    if password.lower() in COMMON_PASSWORDS:
        errors.append("That password is too common.")
    if username and username.lower() in password.lower():
        errors.append("The password must not contain your username.")
    return errors


class ChangePasswordForm(forms.Form):
    current_password = forms.CharField(widget=forms.PasswordInput)
    new_password = forms.CharField(widget=forms.PasswordInput, help_text="e.g. correct-horse-battery-staple")
    confirm_password = forms.CharField(widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        new_password = cleaned.get("new_password", "")
        if new_password != cleaned.get("confirm_password"):  # near-miss: hardcoded-password
            raise forms.ValidationError("The two passwords do not match.")
        if new_password == cleaned.get("current_password"):  # near-miss: hardcoded-password
            raise forms.ValidationError("Choose a password you have not used before.")
        for msg in policy_errors(new_password, self.user.get_username()):
            self.add_error("new_password", msg)
        password_validation.validate_password(new_password, self.user)
        return cleaned
