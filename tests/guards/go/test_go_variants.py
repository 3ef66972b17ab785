"""Surface forms of the Go flaws beyond the fixtures (each flawed variant found on its line) and near-miss
correct code (no medium-or-higher finding). One small file each, after a shared header of imports."""

from __future__ import annotations

import pytest
from idguard.guards import check_code
from idguard.guards.models import Severity

H = 'package x\n\nimport (\n\t"net/http"\n\t"os"\n\t"time"\n\t"math/rand"\n\t"github.com/golang-jwt/jwt/v5"\n)\n\n'
CASES = [
    (
        "IDG407",
        'func mint(id string) (string, error) {\n\ttoken := jwt.New(jwt.SigningMethodHS256)\n\tclaims := token.Claims.(jwt.MapClaims)\n\tclaims["sub"] = id\n\treturn token.SignedString(key)\n}\n',
        12,
    ),
    (
        "IDG408",
        "func mint(id string) jwt.RegisteredClaims {\n\texpirationTime := time.Now().Add(24 * 365 * time.Hour)\n\treturn jwt.RegisteredClaims{Subject: id, ExpiresAt: jwt.NewNumericDate(expirationTime)}\n}\n",
        12,
    ),
    ("IDG404", 'func r(e *echo.Echo) {\n\te.Use(middleware.JWT([]byte("echo-signing-key")))\n}\n', 12),
    (
        "IDG405",
        'func key() string {\n\tsecret := "fallback-signing"\n\tif v := os.Getenv("JWT_SECRET"); v != "" {\n\t\tsecret = v\n\t}\n\treturn secret\n}\n',
        12,
    ),
    (
        "IDG405",
        'func key() string {\n\tsecret, ok := os.LookupEnv("JWT_SECRET")\n\tif !ok {\n\t\tsecret = "fallback-signing"\n\t}\n\treturn secret\n}\n',
        14,
    ),
    (
        "IDG411",
        'func set(c echo.Context, t string) error {\n\tcookie := new(http.Cookie)\n\tcookie.Name = "token"\n\tcookie.Value = t\n\tc.SetCookie(cookie)\n\treturn nil\n}\n',
        12,
    ),
    (
        "IDG412",
        'func h(w http.ResponseWriter, r *http.Request) {\n\torigin := r.Header.Get("Origin")\n\tif origin != "" {\n\t\tw.Header().Set("Access-Control-Allow-Origin", origin)\n\t\tw.Header().Set("Access-Control-Allow-Credentials", "true")\n\t}\n}\n',
        14,
    ),
    (
        "IDG417",
        "func authorize(ctx context.Context, m string) error {\n\tok, err := opa.Allowed(ctx, m)\n\tif err != nil {\n\t\treturn nil\n\t}\n\tif !ok {\n\t\treturn errDenied\n\t}\n\treturn nil\n}\n",
        14,
    ),
    (
        "IDG418",
        'func h(w http.ResponseWriter, r *http.Request, token string) {\n\thttp.Error(w, "invalid token: "+token, http.StatusUnauthorized)\n}\n',
        12,
    ),
    ("IDG418", 'func h(tok string) {\n\tlog.Printf("issued %s", tok)\n}\n', 12),
    (
        "IDG419",
        'func h(w http.ResponseWriter, r *http.Request) {\n\tif r.Header.Get("X-User-Role") == "admin" {\n\t\tserveAdmin(w, r)\n\t}\n}\n',
        12,
    ),
    (
        "IDG410",
        "func RandStringRunes(n int) string {\n\tb := make([]rune, n)\n\tfor i := range b {\n\t\tb[i] = letterRunes[rand.Intn(len(letterRunes))]\n\t}\n\treturn string(b)\n}\n\nfunc login(w http.ResponseWriter) {\n\tsessionID := RandStringRunes(32)\n\tstore(sessionID)\n}\n",
        14,
    ),
    (
        "IDG401",
        "func p(s string) {\n\ttok, err := jwt.ParseWithClaims(s, &Claims{}, func(token *jwt.Token) (interface{}, error) {\n\t\treturn jwtKey, nil\n\t})\n\tuse(tok, err)\n}\n",
        12,
    ),
    (
        "IDG402",
        'func p(s string) string {\n\ttoken, _, _ := new(jwt.Parser).ParseUnverified(s, jwt.MapClaims{})\n\tclaims := token.Claims.(jwt.MapClaims)\n\treturn claims["role"].(string)\n}\n',
        12,
    ),
    ("IDG416", 'func ok(r *http.Request, secret string) bool {\n\treturn r.Header.Get("X-Api-Key") == secret\n}\n', 12),
    (
        "IDG413",
        "func h(pw string) string {\n\th := sha256.New()\n\th.Write([]byte(pw))\n\treturn hex.EncodeToString(h.Sum(nil))\n}\n",
        13,
    ),
    # clean near-misses
    (
        None,
        'func theme(w http.ResponseWriter) {\n\thttp.SetCookie(w, &http.Cookie{Name: "theme", Value: "dark", Expires: time.Now().Add(365 * 24 * time.Hour)})\n}\n',
        0,
    ),
    (
        None,
        'func remember(w http.ResponseWriter, t string) {\n\thttp.SetCookie(w, &http.Cookie{Name: "remember_me", Value: t, MaxAge: 14 * 24 * 3600, Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})\n}\n',
        0,
    ),
    (
        None,
        'func h(w http.ResponseWriter, r *http.Request) {\n\torigin := r.Header.Get("Origin")\n\tif allowedOrigins[origin] {\n\t\tw.Header().Set("Access-Control-Allow-Origin", origin)\n\t\tw.Header().Set("Access-Control-Allow-Credentials", "true")\n\t}\n}\n',
        0,
    ),
    (
        None,
        "func shuffle(items []string) {\n\trand.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })\n}\n\nfunc sampleRequests() bool { return rand.Float64() < 0.01 }\n",
        0,
    ),
    (
        None,
        'func mint(id string) (string, error) {\n\ttoken := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": id, "exp": time.Now().Add(15 * time.Minute).Unix(), "iat": time.Now().Unix()})\n\treturn token.SignedString([]byte(os.Getenv("JWT_SECRET")))\n}\n',
        0,
    ),
    (
        None,
        'func h(c *gin.Context) {\n\tif c.GetHeader("X-Request-ID") == "" {\n\t\tc.Header("X-Request-ID", uuid.NewString())\n\t}\n\tlog.Printf("request %s user %s", c.GetHeader("X-Request-ID"), c.GetString("userID"))\n\tc.Next()\n}\n',
        0,
    ),
    (
        None,
        "func (s *Svc) Health(ctx context.Context) error {\n\tif err := s.db.Ping(ctx); err != nil {\n\t\treturn nil\n\t}\n\treturn nil\n}\n",
        0,
    ),
    (
        None,
        'func tokenType(t string) bool { return t == "Bearer" }\nfunc sameUser(a, b *User) bool { return a.ID == b.ID }\nfunc statusOK(code int) bool { return code == 200 }\n',
        0,
    ),
]

FLAWED = [(gid, body, line) for gid, body, line in CASES if gid is not None]
CLEAN = [body for gid, body, _ in CASES if gid is None]


@pytest.mark.parametrize(("guard_id", "body", "line"), FLAWED, ids=[f"{g}-{i}" for i, (g, _, _) in enumerate(FLAWED)])
def test_flawed_variant_is_found_on_its_line(guard_id, body, line):
    findings = check_code(H + body, path="internal/auth/x.go").findings
    assert (guard_id, line) in {(f.guard_id, f.line) for f in findings}, [(f.guard_id, f.line) for f in findings]


@pytest.mark.parametrize("body", CLEAN, ids=[f"clean-{i}" for i in range(len(CLEAN))])
def test_near_miss_has_no_medium_or_higher_finding(body):
    findings = check_code(H + body, path="internal/auth/x.go").findings
    assert [(f.guard_id, f.line, f.message) for f in findings if f.severity >= Severity.medium] == []
