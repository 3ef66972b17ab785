"""Pyramid views handling the staff login form."""
from pyramid.httpexceptions import HTTPFound, HTTPUnauthorized
from pyramid.view import view_config

from .interfaces import IStaffDirectory

STAFF_COOKIE = "staff_auth"
MAX_AGE = 8 * 3600


class LoginViews:
    def __init__(self, request):
        self.request = request
        self.directory = request.registry.getUtility(IStaffDirectory)
        self.tickets = request.registry.ticket_service

    @view_config(route_name="login", request_method="POST")
    def login(self):
        params = self.request.POST
        staff = self.directory.authenticate(params.get("login", ""), params.get("password", ""))
        if staff is None:
            raise HTTPUnauthorized()
        ticket = self.tickets.issue(staff.id)
        response = HTTPFound(location=self.request.route_url("home"))
        response.set_cookie(STAFF_COOKIE, ticket, max_age=MAX_AGE, secure=True)  # flaw: cookie-flags
        return response

    @view_config(route_name="logout", request_method="POST")
    def logout(self):
        ticket = self.request.cookies.get(STAFF_COOKIE)
        if ticket:
            self.tickets.revoke(ticket)
        response = HTTPFound(location=self.request.route_url("login"))
        response.delete_cookie(STAFF_COOKIE)
        return response

    @view_config(route_name="set_density", request_method="POST", renderer="json")
    def set_density(self):
        density = self.request.POST.get("density", "comfortable")
        self.request.response.set_cookie("ui_density", density, max_age=86400 * 180)
        return {"density": density}
