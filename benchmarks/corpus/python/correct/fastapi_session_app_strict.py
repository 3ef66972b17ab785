"""Session login for the partner dashboard (FastAPI): named origins, hardened cookie."""

import os

from fastapi import FastAPI, Form, HTTPException, Response
from fastapi.middleware.cors import CORSMiddleware

from .auth import check_credentials, new_session

app = FastAPI()
PARTNER_ORIGINS = [o for o in os.environ.get("PARTNER_ORIGINS", "").split(",") if o]
app.add_middleware(CORSMiddleware, allow_origins=PARTNER_ORIGINS, allow_credentials=True, allow_methods=["GET", "POST"])  # ok: IDG154
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=False)  # ok: IDG154

SESSION_COOKIE = "partner_session"


@app.post("/login")
def login(response: Response, username: str = Form(...), password: str = Form(...)):
    user = check_credentials(username, password)
    if user is None:
        raise HTTPException(status_code=401)
    sid = new_session(user.id)
    response.set_cookie(SESSION_COOKIE, sid, max_age=8 * 3600, secure=True, httponly=True, samesite="lax")  # ok: IDG153
    response.set_cookie("ui_density", "compact", max_age=365 * 86400)  # ok: IDG153
    return {"ok": True}
