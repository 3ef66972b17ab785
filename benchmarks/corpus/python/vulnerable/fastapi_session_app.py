"""Session login for the partner dashboard (FastAPI)."""

from fastapi import FastAPI, Form, HTTPException, Response
from fastapi.middleware.cors import CORSMiddleware

from .auth import check_credentials, new_session

app = FastAPI()
app.add_middleware(  # expect: IDG154
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,  # the SPA is served from several partner domains
    allow_methods=["*"],
    allow_headers=["*"],
)

SESSION_COOKIE = "partner_session"


@app.post("/login")
def login(response: Response, username: str = Form(...), password: str = Form(...)):
    user = check_credentials(username, password)
    if user is None:
        raise HTTPException(status_code=401)
    sid = new_session(user.id)
    response.set_cookie(SESSION_COOKIE, sid, max_age=8 * 3600, samesite="lax")  # expect: IDG153
    return {"ok": True}
