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
    # weak-password-hash
    (
        "IDG413",
        'func (s *Store) Save(u *User, plain string) {\n\tu.PasswordHash = fmt.Sprintf("%x", md5.Sum([]byte(plain)))\n}\n',
        12,
    ),
    ("IDG414", "func h(pw []byte) ([]byte, error) {\n\treturn bcrypt.GenerateFromPassword(pw, 4)\n}\n", 12),
    # insecure random
    ("IDG410", 'func newInviteCode() string {\n\treturn fmt.Sprintf("%08d", rand.Int63()%100000000)\n}\n', 12),
    (
        "IDG410",
        "func csrfToken() string {\n\tr := rand.New(rand.NewSource(time.Now().UnixNano()))\n\treturn strconv.Itoa(r.Int())\n}\n",
        13,
    ),
    (
        "IDG410",
        "func (s *Svc) IssueAPIKey(ctx context.Context) (string, error) {\n\tb := make([]byte, 32)\n\trand.Read(b)\n\treturn hex.EncodeToString(b), nil\n}\n",
        13,
    ),
    # cookie flags
    (
        "IDG411",
        'func set(w http.ResponseWriter, t string) {\n\tc := http.Cookie{Name: "access_token", Value: t, HttpOnly: true, Secure: true}\n\thttp.SetCookie(w, &c)\n}\n',
        12,
    ),
    # tls
    (
        "IDG409",
        'func dial() (*ldap.Conn, error) {\n\treturn ldap.DialTLS("tcp", addr, &tls.Config{InsecureSkipVerify: true})\n}\n',
        12,
    ),
    (
        "IDG409",
        'func rdb() *redis.Client {\n\treturn redis.NewClient(&redis.Options{Addr: addr, Password: os.Getenv("REDIS_PASSWORD"), TLSConfig: &tls.Config{\n\t\tInsecureSkipVerify: true,\n\t}})\n}\n',
        13,
    ),
    # hardcoded
    ("IDG404", 'var store = sessions.NewCookieStore([]byte("super-secret-key"))\n', 11),
    (
        "IDG406",
        'func ok(r *http.Request) bool {\n\tuser, pass, _ := r.BasicAuth()\n\treturn user == "admin" && pass == "s3cr3t!"\n}\n',
        13,
    ),
    (
        "IDG405",
        'func getenv(k, d string) string {\n\tif v := os.Getenv(k); v != "" {\n\t\treturn v\n\t}\n\treturn d\n}\n\nvar jwtSecret = []byte(getenv("JWT_SECRET", "my-dev-secret"))\n',
        18,
    ),
    # weak crypto
    ("IDG415", "func enc(k []byte) (cipher.Block, error) {\n\treturn des.NewCipher(k)\n}\n", 12),
    # jwt-unverified
    (
        "IDG403",
        "func p(s string) (*jwt.Token, error) {\n\treturn jwt.Parse(s, func(t *jwt.Token) (interface{}, error) {\n\t\treturn jwt.UnsafeAllowNoneSignatureType, nil\n\t})\n}\n",
        13,
    ),
    # token without expiry
    (
        "IDG407",
        'type Claims struct {\n\tUserID string\n\tjwt.RegisteredClaims\n}\n\nfunc mint(id string) (string, error) {\n\tc := Claims{UserID: id, RegisteredClaims: jwt.RegisteredClaims{Issuer: "api", Subject: id}}\n\treturn jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(key)\n}\n',
        18,
    ),
    (
        "IDG408",
        'func mint(id string) jwt.MapClaims {\n\treturn jwt.MapClaims{"sub": id, "exp": time.Now().Add(time.Hour * 24 * 365).Unix()}\n}\n',
        12,
    ),
    # timing
    (
        "IDG416",
        "func verify(body []byte, got string) bool {\n\tmac := hmac.New(sha256.New, key)\n\tmac.Write(body)\n\texpected := hex.EncodeToString(mac.Sum(nil))\n\treturn got == expected\n}\n",
        15,
    ),
    ("IDG416", "func (s *Svc) Check(token string) bool {\n\treturn token == s.cfg.AdminToken\n}\n", 12),
    # fail open
    (
        "IDG417",
        'func Authz(e *casbin.Enforcer) gin.HandlerFunc {\n\treturn func(c *gin.Context) {\n\t\tok, err := e.Enforce(c.GetString("sub"), c.Request.URL.Path, c.Request.Method)\n\t\tif err != nil {\n\t\t\tc.Next()\n\t\t\treturn\n\t\t}\n\t\tif !ok {\n\t\t\tc.AbortWithStatus(403)\n\t\t\treturn\n\t\t}\n\t\tc.Next()\n\t}\n}\n',
        15,
    ),
    (
        "IDG417",
        'func JWTAuth(next echo.HandlerFunc) echo.HandlerFunc {\n\treturn func(c echo.Context) error {\n\t\tclaims, err := validate(c.Request().Header.Get("Authorization"))\n\t\tif err != nil {\n\t\t\treturn next(c)\n\t\t}\n\t\tc.Set("claims", claims)\n\t\treturn next(c)\n\t}\n}\n',
        15,
    ),
    # logs
    (
        "IDG418",
        'func h(logger *zap.SugaredLogger, apiKey string) {\n\tlogger.Infow("key created", "api_key", apiKey)\n}\n',
        12,
    ),
    ("IDG418", 'func h(r *http.Request) {\n\tlog.Println("auth header:", r.Header.Get("Authorization"))\n}\n', 12),
    # role from input
    (
        "IDG419",
        "func (h *H) Update(c *gin.Context) {\n\tvar req UpdateUserRequest\n\tif err := c.ShouldBindJSON(&req); err != nil {\n\t\treturn\n\t}\n\tuser.Role = req.Role\n\th.db.Save(&user)\n}\n",
        16,
    ),
    (
        "IDG419",
        "func (s *Srv) CreateUser(ctx context.Context, req *pb.CreateUserRequest) (*pb.User, error) {\n\treturn s.repo.Create(ctx, &User{Email: req.GetEmail(), IsAdmin: req.GetIsAdmin()})\n}\n",
        12,
    ),
    # cors
    (
        "IDG412",
        'func setup(e *echo.Echo) {\n\te.Use(middleware.CORSWithConfig(middleware.CORSConfig{\n\t\tAllowOrigins:     []string{"*"},\n\t\tAllowCredentials: true,\n\t}))\n}\n',
        13,
    ),
    # clean
    (
        None,
        "func h(pw string) ([]byte, error) { return bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost) }\nfunc cacheKey(u string) string { s := sha256.Sum256([]byte(u)); return hex.EncodeToString(s[:]) }\n",
        0,
    ),
    (None, 'func grant(r *http.Request) bool { return r.PostFormValue("grant_type") == "refresh_token" }\n', 0),
    (
        None,
        'func (s *Srv) CreateUser(ctx context.Context, req *pb.CreateUserRequest) (*pb.User, error) {\n\treturn s.repo.Create(ctx, &User{Email: req.GetEmail(), Role: "member"})\n}\n',
        0,
    ),
    (
        None,
        'func Auth(next http.Handler) http.Handler {\n\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\t\tclaims, err := verify(r.Header.Get("Authorization"))\n\t\tif err != nil {\n\t\t\tlog.Printf("auth failed for %s: %v", r.RemoteAddr, err)\n\t\t\thttp.Error(w, "unauthorized", http.StatusUnauthorized)\n\t\t\treturn\n\t\t}\n\t\tnext.ServeHTTP(w, r.WithContext(withClaims(r.Context(), claims)))\n\t})\n}\n',
        0,
    ),
    (
        None,
        'func issue(id string) (string, error) {\n\tclaims := jwt.RegisteredClaims{Subject: id, ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}\n\treturn jwt.NewWithClaims(jwt.SigningMethodRS256, claims).SignedString(priv)\n}\nfunc parse(s string) (*jwt.Token, error) {\n\treturn jwt.Parse(s, func(t *jwt.Token) (any, error) { return pub, nil }, jwt.WithValidMethods([]string{"RS256"}))\n}\n',
        0,
    ),
    (
        None,
        'func getenv(k string) string {\n\tv := os.Getenv(k)\n\tif v == "" {\n\t\tlog.Fatalf("%s must be set", k)\n\t}\n\treturn v\n}\nvar port = getenvDefault("PORT", "8080")\n',
        0,
    ),
    (
        None,
        'func dial() *tls.Config {\n\tpool := x509.NewCertPool()\n\treturn &tls.Config{RootCAs: pool, ServerName: "db.internal", MinVersion: tls.VersionTLS13}\n}\n',
        0,
    ),
    (
        None,
        'func h(logger *zap.Logger, userID, tokenID string) {\n\tlogger.Info("token revoked", zap.String("user_id", userID), zap.String("token_id", tokenID))\n\tslog.Info("login", "user", userID, "token_prefix", tokenID[:6])\n}\n',
        0,
    ),
    (
        None,
        "func jitter() time.Duration { return time.Duration(rand.Intn(100)) * time.Millisecond }\nfunc pickServer(s []string) string { return s[rand.Intn(len(s))] }\n",
        0,
    ),
    (
        None,
        'func ok(id, owner string) bool { return id == owner }\nfunc same(a, b string) bool { return a == b }\nfunc roleIs(u *User) bool { return u.Role == "admin" }\n',
        0,
    ),
    (
        None,
        'func (a *API) SaveNote(w http.ResponseWriter, r *http.Request) {\n\tvar in struct{ Note string }\n\tjson.NewDecoder(r.Body).Decode(&in)\n\ta.db.Save(&Note{Text: in.Note, Status: "draft"})\n}\n',
        0,
    ),
    (
        None,
        'func OptionalAuth(next http.Handler) http.Handler {\n\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\t\tif r.Header.Get("Authorization") == "" {\n\t\t\tnext.ServeHTTP(w, r)\n\t\t\treturn\n\t\t}\n\t\tclaims, err := verify(r)\n\t\tif err != nil {\n\t\t\thttp.Error(w, "unauthorized", 401)\n\t\t\treturn\n\t\t}\n\t\tnext.ServeHTTP(w, r.WithContext(with(r.Context(), claims)))\n\t})\n}\n',
        0,
    ),
    (
        None,
        'func (i *Interceptor) Unary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {\n\tif _, ok := public[info.FullMethod]; ok {\n\t\treturn handler(ctx, req)\n\t}\n\tallowed, err := i.authz.Check(ctx, info.FullMethod)\n\tif err != nil {\n\t\treturn nil, status.Error(codes.Unavailable, "authorization unavailable")\n\t}\n\tif !allowed {\n\t\treturn nil, status.Error(codes.PermissionDenied, "denied")\n\t}\n\treturn handler(ctx, req)\n}\n',
        0,
    ),
    (
        None,
        'func (a *Authz) Can(ctx context.Context, u, act string) bool {\n\tswitch act {\n\tcase "read":\n\t\treturn true\n\tcase "write":\n\t\treturn a.isEditor(ctx, u)\n\tdefault:\n\t\treturn false\n\t}\n}\n',
        0,
    ),
    (
        None,
        "func Logging(next http.Handler) http.Handler {\n\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\t\tid, err := requestID(r)\n\t\tif err != nil {\n\t\t\tnext.ServeHTTP(w, r)\n\t\t\treturn\n\t\t}\n\t\tnext.ServeHTTP(w, r.WithContext(withID(r.Context(), id)))\n\t})\n}\n",
        0,
    ),
    (
        None,
        "func (s *Sampler) Sample() bool { return rand.Float64() < s.rate }\nfunc retryAfter() time.Duration { return time.Duration(1+rand.Intn(5)) * time.Second }\nfunc chooseReplica(rs []string) string { return rs[rand.Intn(len(rs))] }\n",
        0,
    ),
    (
        None,
        'func newSessionID() (string, error) {\n\tb := make([]byte, 32)\n\tif _, err := crand.Read(b); err != nil {\n\t\treturn "", err\n\t}\n\treturn base64.RawURLEncoding.EncodeToString(b), nil\n}\n',
        0,
    ),
    (
        None,
        'func (s *Svc) Refresh(ctx context.Context, tokenID string) error {\n\trec, err := s.store.Get(ctx, tokenID)\n\tif err != nil {\n\t\treturn err\n\t}\n\tif rec.TokenID != tokenID || rec.UserID == "" {\n\t\treturn errInvalid\n\t}\n\treturn nil\n}\n',
        0,
    ),
    (
        None,
        "func ok(state string, c *http.Cookie) bool { return c != nil && state == c.Value }\nfunc typ(t *jwt.Token) bool { return t.Method == jwt.SigningMethodRS256 }\n",
        0,
    ),
    (
        None,
        'func h(l *slog.Logger, userID string, tok *oauth2.Token) {\n\tl.Info("token refreshed", "user", userID, "expiry", tok.Expiry, "token_type", tok.TokenType)\n\tlog.Printf("password reset requested for %s", userID)\n}\n',
        0,
    ),
    (
        None,
        'func h(err error, email string) error {\n\tlog.Printf("invalid password for %s", email)\n\treturn fmt.Errorf("authenticate %s: %w", email, err)\n}\n',
        0,
    ),
    (
        None,
        'func (h *H) Update(c *gin.Context) {\n\tvar req struct{ Role string }\n\tif err := c.ShouldBindJSON(&req); err != nil {\n\t\treturn\n\t}\n\tswitch req.Role {\n\tcase "viewer", "editor":\n\tdefault:\n\t\tc.AbortWithStatus(400)\n\t\treturn\n\t}\n\th.db.SetRole(c, c.Param("id"), req.Role)\n}\n',
        0,
    ),
    (
        None,
        'func (h *H) List(c *gin.Context) {\n\trole := c.Query("role")\n\tusers, _ := h.db.UsersWithRole(c, role)\n\tc.JSON(200, users)\n}\n',
        0,
    ),
    (
        None,
        'func setCSRF(w http.ResponseWriter, t string) {\n\thttp.SetCookie(w, &http.Cookie{Name: "lang", Value: "en"})\n\thttp.SetCookie(w, &http.Cookie{Name: "session", Value: t, Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode, MaxAge: 3600})\n}\n',
        0,
    ),
    (
        None,
        'func logout(w http.ResponseWriter) {\n\thttp.SetCookie(w, &http.Cookie{Name: "session", Value: "", Path: "/", Expires: time.Unix(0, 0), MaxAge: -1})\n}\n',
        0,
    ),
    (
        None,
        'func cfg() Config {\n\taddr := os.Getenv("LISTEN_ADDR")\n\tif addr == "" {\n\t\taddr = ":8080"\n\t}\n\tissuer := os.Getenv("JWT_ISSUER")\n\tif issuer == "" {\n\t\tissuer = "https://auth.example.com"\n\t}\n\treturn Config{Addr: addr, Issuer: issuer}\n}\n',
        0,
    ),
    (
        None,
        'func grant(r *http.Request) bool { return r.FormValue("grant_type") == "password" || r.FormValue("response_type") == "token" }\nfunc auth(h string) bool { return strings.HasPrefix(h, "Bearer ") }\n',
        0,
    ),
    (
        None,
        'const sessionCookieName = "session_token"\nconst apiKeyHeader = "X-API-Key"\nvar placeholders = map[string]string{"password": "<your password>"}\n',
        0,
    ),
    (
        None,
        'func (s *Service) ListPendingApprovals(ctx context.Context) ([]Request, error) { return s.repo.ByStatus(ctx, "pending") }\n',
        0,
    ),
    (
        None,
        "func (s *Service) SendInvite(ctx context.Context, email string) error {\n\treturn s.mail.Send(ctx, email, s.links.New(email, 72*time.Hour))\n}\n",
        0,
    ),
    (
        None,
        "func (s *Service) DeleteSession(ctx context.Context, id string) error { return s.sessions.Delete(ctx, id) }\nfunc (s *Service) CreateAPIKey(ctx context.Context, u string) (string, error) { return s.keys.Create(ctx, u) }\n",
        0,
    ),
    (
        None,
        'var rolePermissions = map[string][]string{"admin": {"*"}, "viewer": {"read"}}\nfunc (s *Service) BootstrapAdmin(ctx context.Context, email string) error { return s.repo.Create(ctx, &User{Email: email, Role: "admin"}) }\n',
        0,
    ),
    (
        None,
        'func p(s string, k *Keys) (*jwt.Token, error) {\n\treturn jwt.Parse(s, k.Lookup, jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuer("https://id"), jwt.WithExpirationRequired())\n}\nfunc (k *Keys) Lookup(t *jwt.Token) (any, error) { return k.byID[t.Header["kid"].(string)], nil }\n',
        0,
    ),
    (
        None,
        'func kid(s string) string {\n\tt, _, err := jwt.NewParser().ParseUnverified(s, &jwt.RegisteredClaims{})\n\tif err != nil {\n\t\treturn ""\n\t}\n\tk, _ := t.Header["kid"].(string)\n\treturn k\n}\n',
        0,
    ),
    (
        None,
        "func k() (*rsa.PrivateKey, error) { return rsa.GenerateKey(crand.Reader, 2048) }\nfunc h(b []byte) [20]byte { return sha1.Sum(b) } // git object ids\n",
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


OIDC_CALLBACK = """package sso

import "github.com/coreos/go-oidc/v3/oidc"

func (h *Handler) Callback(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("state") != h.state(r) {
		http.Error(w, "bad state", 400)
		return
	}
	tok, err := h.conf.Exchange(r.Context(), r.URL.Query().Get("code"))
	if err != nil {
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	idToken, err := h.verifier.Verify(r.Context(), raw)
	if err != nil {
		return
	}
	var claims struct {
		Email string `json:"email"`
	}
	if err := idToken.Claims(&claims); err != nil {
		return
	}
	user, err := h.users.ByEmail(r.Context(), claims.Email)
	h.login(w, user)
}
"""


def test_an_unverified_email_claim_used_to_find_the_account_is_found():
    findings = {(f.guard_id, f.line) for f in check_code(OIDC_CALLBACK, path="sso/callback.go").findings}
    assert ("IDG420", 25) in findings


def test_the_email_claim_with_email_verified_read_and_the_state_compared_is_clean():
    code = OIDC_CALLBACK.replace('`json:"email"`', '`json:"email"`\n\t\tEmailVerified bool `json:"email_verified"`')
    code = code.replace(
        "user, err := h.users.ByEmail(r.Context(), claims.Email)",
        "if !claims.EmailVerified {\n\t\treturn\n\t}\n\tuser, err := h.users.ByEmail(r.Context(), claims.Email)",
    )
    assert not [f for f in check_code(code, path="sso/callback.go").findings if f.guard_id == "IDG420"]


def test_an_email_verified_field_declared_but_never_read_is_no_check():
    code = OIDC_CALLBACK.replace('`json:"email"`', '`json:"email"`\n\t\tEmailVerified bool `json:"email_verified"`')
    found = [f for f in check_code(code, path="sso/callback.go").findings if f.guard_id == "IDG420"]
    assert any("email_verified" in f.message for f in found)


def test_a_callback_without_the_state_comparison_is_found_on_its_first_line():
    code = OIDC_CALLBACK.replace('if r.URL.Query().Get("state") != h.state(r) {', "if r.Method != http.MethodGet {")
    assert ("IDG420", 5) in {(f.guard_id, f.line) for f in check_code(code, path="sso/callback.go").findings}
