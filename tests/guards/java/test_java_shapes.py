"""Short Java snippets in the shapes the Java families take: each flawed one must raise its guard, and common
correct idioms (tutorial JWT utilities, stateless security chains, SecureRandom codes, HMAC checks with
`MessageDigest.isEqual`) must raise no Java guard and no hard-coded secret."""

from __future__ import annotations

import pytest
from idguard.guards import check_code

FLAWED = [
    # (expected guard or None, code)
    (
        "IDG511",
        "class A { String store(String rawPassword) throws Exception { return DigestUtils.md5Hex(rawPassword); } }",
    ),
    ("IDG511", 'class A { PasswordEncoder e() { return new StandardPasswordEncoder("pepper"); } }'),
    ("IDG511", 'class A { PasswordEncoder e() { return new MessageDigestPasswordEncoder("SHA-256"); } }'),
    (
        None,
        'class A { String key(String url) throws Exception { return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(url.getBytes())); } }',
    ),
    (None, "class A { PasswordEncoder e() { return PasswordEncoderFactories.createDelegatingPasswordEncoder(); } }"),
    (
        "IDG510",
        "class A { private final Random rnd = new Random(); String rememberMe() { StringBuilder sb = new StringBuilder(); for (int i=0;i<32;i++) sb.append(rnd.nextInt(10)); return sb.toString(); } }",
    ),
    (
        "IDG510",
        'class A { String apiKey() { return "ak_" + Long.toHexString(ThreadLocalRandom.current().nextLong()); } }',
    ),
    (
        "IDG510",
        'class A { void f(HttpServletResponse r) { String resetToken = userId + "-" + System.currentTimeMillis(); store(resetToken); } }',
    ),
    (
        None,
        "class A { void f() { long expiresAt = System.currentTimeMillis() + TTL; long tokenExpiry = System.currentTimeMillis() + 1000; } }",
    ),
    (None, "class A { String csrf() { return UUID.randomUUID().toString(); } }"),
    (
        "IDG516",
        'class A { void f(HttpServletResponse response, String token) { Cookie c = new Cookie("jwt", token); c.setHttpOnly(true); response.addCookie(c); } }',
    ),
    (
        "IDG516",
        'class A { void f(HttpServletResponse response, String token) { response.addCookie(new Cookie("SESSIONID", token)); } }',
    ),
    (
        "IDG516",
        'class A { void f(HttpServletResponse response, String token) { ResponseCookie c = ResponseCookie.from("refresh", token).httpOnly(false).secure(true).build(); } }',
    ),
    (
        "IDG509",
        "class A { OkHttpClient c() { return new OkHttpClient.Builder().hostnameVerifier((hostname, session) -> true).build(); } }",
    ),
    (
        "IDG509",
        "class A { void f() { SSLContext ctx = new SSLContextBuilder().loadTrustMaterial(null, new TrustSelfSignedStrategy()).build(); } }",
    ),
    (None, "class A { void f() { SSLContext ctx = SSLContext.getDefault(); } }"),
    (
        "IDG514",
        'class A { boolean ok(String user, String pass) { return user.equals("admin") && pass.equals("admin123"); } }',
    ),
    (
        "IDG514",
        'class A { boolean check(String password) { if ("changeme".equals(password)) return true; return false; } }',
    ),
    (None, 'class A { boolean isPasswordGrant(String grantType) { return "password".equals(grantType); } }'),
    (None, 'class A { static final String PASSWORD_PARAM = "password"; static final String HEADER = "X-Api-Key"; }'),
    ("IDG505", 'class A { Algorithm a() { return Algorithm.HMAC256("secret"); } }'),
    (
        "IDG505",
        'class A { String t(String s) { return Jwts.builder().subject(s).signWith(Keys.hmacShaKeyFor("abc".getBytes())).compact(); } }',
    ),
    (
        "IDG506",
        'class A { String secret() { String s = System.getenv("JWT_SECRET"); if (s == null) { s = "dev-secret"; } return s; } }',
    ),
    (
        None,
        'class A { String secret() { String s = System.getenv("JWT_SECRET"); if (s == null) { throw new IllegalStateException("JWT_SECRET"); } return s; } }',
    ),
    ("IDG513", 'class A { Cipher c() throws Exception { return Cipher.getInstance("Blowfish"); } }'),
    ("IDG513", 'class A { Cipher c() throws Exception { return Cipher.getInstance("RC4"); } }'),
    (
        "IDG513",
        'class A { void k() throws Exception { KeyPairGenerator kpg = KeyPairGenerator.getInstance("DSA"); kpg.initialize(512); } }',
    ),
    (
        "IDG504",
        "class A { Claims c(String t) { return Jwts.parser().unsecured().build().parseUnsecuredClaims(t).getPayload(); } }",
    ),
    ("IDG504", "class A { String sub(String t) { return JWTParser.parse(t).getJWTClaimsSet().getSubject(); } }"),
    ("IDG507", "class A { String t(String s) { return JWT.create().withSubject(s).sign(alg); } }"),
    (
        "IDG508",
        "class A { String t(String s) { return JWT.create().withSubject(s).withExpiresAt(Date.from(Instant.now().plus(365, ChronoUnit.DAYS))).sign(alg); } }",
    ),
    (
        "IDG508",
        "class A { String t(String s) { return Jwts.builder().subject(s).expiration(Date.from(Instant.now().plus(Duration.ofDays(365)))).compact(); } }",
    ),
    ("IDG515", "class A { boolean v(String sig, String expected) { return sig.equals(expected); } }"),
    (
        "IDG515",
        "class A { boolean v(String header) { String computed = hmac(body); return computed.equalsIgnoreCase(header); } }",
    ),
    ("IDG515", "class A { boolean v(String provided) { return storedApiKeyHash.equals(sha256(provided)); } }"),
    (None, "class A { boolean v(User u, Token t) { return u.getId().equals(t.getUserId()); } }"),
    (
        "IDG518",
        "class A implements HandlerInterceptor { public boolean preHandle(HttpServletRequest r, HttpServletResponse s, Object h) { try { return rbac.allowed(r); } catch (Exception e) { return true; } } }",
    ),
    (
        "IDG518",
        "class A implements ServerInterceptor { public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata md, ServerCallHandler<Q, R> next) { try { authz.check(md); } catch (Exception e) { return next.startCall(call, md); } return next.startCall(call, md); } }",
    ),
    (
        None,
        "class A implements HandlerInterceptor { public boolean preHandle(HttpServletRequest r, HttpServletResponse s, Object h) throws IOException { try { return rbac.allowed(r); } catch (Exception e) { s.sendError(503); return false; } } }",
    ),
    ("IDG519", 'class A { void f(String accessToken) { log.info("token=" + accessToken); } }'),
    ("IDG519", 'class A { void f(LoginRequest req) { System.out.println("password: " + req.getPassword()); } }'),
    (None, 'class A { void f(String accessToken) { log.info("token length {}", accessToken.length()); } }'),
    (
        "IDG520",
        'class A { @PostMapping("/users") User create(@RequestBody CreateUser body) { User u = new User(); u.setEmail(body.getEmail()); u.setAdmin(body.isAdmin()); return repo.save(u); } }',
    ),
    (
        "IDG520",
        'class A { void f(HttpServletRequest request) { user.setRoles(Set.of(request.getParameter("role"))); } }',
    ),
    (
        "IDG517",
        'class A { void f(CorsRegistry r) { r.addMapping("/**").allowedOrigins("*").allowCredentials(true); } }',
    ),
    (
        "IDG503",
        'class A { SecurityFilterChain c(HttpSecurity http) throws Exception { http.csrf(csrf -> csrf.disable()).formLogin(f -> f.loginPage("/login")); return http.build(); } }',
    ),
    (
        "IDG501",
        'class A { SecurityFilterChain c(HttpSecurity http) throws Exception { return http.authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.DELETE, "/api/admin/users/**").permitAll()).build(); } }',
    ),
    (
        "IDG501",
        'class A { void c(HttpSecurity http) throws Exception { http.authorizeRequests().mvcMatchers("/actuator/**").permitAll(); } }',
    ),
    (
        None,
        'class A { void c(HttpSecurity http) throws Exception { http.authorizeRequests().mvcMatchers("/actuator/health").permitAll(); } }',
    ),
    ("IDG512", 'class A { PasswordEncoder e() { return new Pbkdf2PasswordEncoder("", 16, 1000, 256); } }'),
    (
        "IDG518",
        'class F implements Filter { public void doFilter(ServletRequest q, ServletResponse s, FilterChain chain) throws IOException, ServletException { try { if (!policy.allowed(q)) { ((HttpServletResponse) s).sendError(403); return; } } catch (Exception e) { log.error("policy down", e); } chain.doFilter(q, s); } }',
    ),
    ("IDG519", 'class A { void f(String token) { log.info(String.format("issued %s", token)); } }'),
    (
        "IDG519",
        'class A { void f(String apiKey) { throw new IllegalArgumentException("unknown api key " + apiKey); } }',
    ),
    ("IDG515", "class A { boolean v(String token, String storedToken) { return token == storedToken; } }"),
    (
        "IDG515",
        "class A { boolean v(byte[] data, byte[] provided) { return Arrays.equals(mac.doFinal(data), provided); } }",
    ),
    ("IDG504", "class A { Claims c(String t) { return (Claims) Jwts.parser().parse(t).getBody(); } }"),
    (
        None,
        "class A { Object c(String t) { return Jwts.parserBuilder().setSigningKey(key).build().parse(t).getBody(); } }",
    ),
    (
        "IDG511",
        'class A { String h(String salt, String password) throws Exception { MessageDigest md = MessageDigest.getInstance("SHA-256"); return hex(md.digest((salt + password).getBytes(UTF_8))); } }',
    ),
    (
        "IDG511",
        "class Enc implements PasswordEncoder { public String encode(CharSequence rawPassword) { return DigestUtils.md5Hex(rawPassword.toString()); } }",
    ),
    (
        "IDG516",
        "class A { @Bean CookieSerializer s() { DefaultCookieSerializer c = new DefaultCookieSerializer(); c.setUseSecureCookie(false); return c; } }",
    ),
    ("IDG516", "class A { void onStartup(ServletContext ctx) { ctx.getSessionCookieConfig().setHttpOnly(false); } }"),
    (
        "IDG509",
        'class T implements X509TrustManager { public void checkServerTrusted(X509Certificate[] c, String a) { log.debug("server cert accepted {}", a); } }',
    ),
    (
        "IDG001",
        'class A { Properties p() { Properties props = new Properties(); props.put("mail.smtp.password", "Mailer#2024pw"); return props; } }',
    ),
    (
        None,
        'class A { String t(User u) { return Jwts.builder().claims(claimsFor(u)).signWith(key).compact(); } Map<String, Object> claimsFor(User u) { return Map.of("sub", u.getId(), "exp", Instant.now().plusSeconds(900).getEpochSecond()); } }',
    ),
    (
        "IDG520",
        'class A { @PostMapping("/users") User create(@RequestBody UserDto dto) { User u = modelMapper.map(dto, User.class); return repo.save(u); } }',
    ),
    (
        "IDG520",
        'class A { boolean isAdmin(HttpServletRequest request) { return "ADMIN".equals(request.getHeader("X-User-Role")); } }',
    ),
    (
        "IDG526",
        'class F extends OncePerRequestFilter { protected void doFilterInternal(HttpServletRequest q, HttpServletResponse s, FilterChain chain) throws IOException, ServletException { if (debugMode || "true".equals(q.getHeader("X-Skip-Auth"))) { chain.doFilter(q, s); return; } check(q); chain.doFilter(q, s); } }',
    ),
    (
        None,
        'class A { void f(HttpServletRequest request) { String lang = request.getHeader("Accept-Language"); if ("de".equals(lang)) {} } }',
    ),
    (
        None,
        'class F extends OncePerRequestFilter { protected void doFilterInternal(HttpServletRequest q, HttpServletResponse s, FilterChain chain) throws IOException, ServletException { try { SecurityContextHolder.getContext().setAuthentication(auth.read(q)); } catch (JwtException e) { log.debug("bad token"); } chain.doFilter(q, s); } }',
    ),
    (
        "IDG508",
        'class J { @Value("${jwt.expiration-ms:604800000}") private long jwtExpirationMs; String t(String s) { return Jwts.builder().subject(s).expiration(new Date(System.currentTimeMillis() + jwtExpirationMs)).signWith(key).compact(); } }',
    ),
    (
        "IDG507",
        "class J { String t(String s) { JwtBuilder b = Jwts.builder().subject(s).signWith(key); return b.compact(); } }",
    ),
    (
        None,
        'class J { @Value("${jwt.expiration-ms:900000}") private long ms; String t(String s) { return Jwts.builder().subject(s).expiration(new Date(System.currentTimeMillis() + ms)).compact(); } }',
    ),
]

CLEAN_IDIOMS = [
    """@RestController @RequestMapping("/api/auth") class AuthController {
  @PostMapping("/register") ResponseEntity<?> registerUser(@RequestBody SignupRequest req) { return ok(); }
  @PostMapping("/login") ResponseEntity<?> authenticateUser(@RequestBody LoginRequest req) { return ok(); }
  @PreAuthorize("isAuthenticated()") @GetMapping("/me") User me() { return null; } }""",
    """class JwtUtils {
  private static final Logger logger = LoggerFactory.getLogger(JwtUtils.class);
  @Value("${app.jwtSecret}") private String jwtSecret;
  @Value("${app.jwtExpirationMs}") private int jwtExpirationMs;
  public String generateJwtToken(Authentication authentication) {
    UserDetailsImpl userPrincipal = (UserDetailsImpl) authentication.getPrincipal();
    return Jwts.builder().setSubject(userPrincipal.getUsername()).setIssuedAt(new Date())
      .setExpiration(new Date((new Date()).getTime() + jwtExpirationMs)).signWith(key(), SignatureAlgorithm.HS256).compact();
  }
  private Key key() { return Keys.hmacShaKeyFor(Decoders.BASE64.decode(jwtSecret)); }
  public boolean validateJwtToken(String authToken) {
    try { Jwts.parserBuilder().setSigningKey(key()).build().parse(authToken); return true; }
    catch (MalformedJwtException e) { logger.error("Invalid JWT token: {}", e.getMessage()); }
    catch (ExpiredJwtException e) { logger.error("JWT token is expired: {}", e.getMessage()); }
    return false;
  }
  public boolean isTokenValid(String token, UserDetails user) { return getUsername(token).equals(user.getUsername()) && !isExpired(token); }
}""",
    """class CommentService { void approveComment(long id) { Comment c = repo.get(id); c.setStatus(Status.APPROVED); repo.save(c); } }""",
    """class PasswordResetService {
  private final SecureRandom random = new SecureRandom();
  public void requestReset(String email) {
    String token = UUID.randomUUID().toString();
    log.info("Password reset requested for {}", email);
    tokens.save(new ResetToken(token, email, Instant.now().plus(Duration.ofMinutes(30))));
  }
}""",
    """@Configuration class Sec { @Bean SecurityFilterChain f(HttpSecurity http) throws Exception {
  http.csrf(csrf -> csrf.disable()).sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
    .authorizeHttpRequests(auth -> auth.requestMatchers("/api/auth/**").permitAll().requestMatchers("/api/test/**").permitAll().anyRequest().authenticated());
  http.addFilterBefore(authenticationJwtTokenFilter(), UsernamePasswordAuthenticationFilter.class);
  return http.build(); } }""",
    """class AuthTokenFilter extends OncePerRequestFilter {
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain filterChain) throws ServletException, IOException {
    try {
      String jwt = parseJwt(request);
      if (jwt != null && jwtUtils.validateJwtToken(jwt)) {
        UserDetails userDetails = userDetailsService.loadUserByUsername(jwtUtils.getUserNameFromJwtToken(jwt));
        UsernamePasswordAuthenticationToken authentication = new UsernamePasswordAuthenticationToken(userDetails, null, userDetails.getAuthorities());
        SecurityContextHolder.getContext().setAuthentication(authentication);
      }
    } catch (Exception e) { logger.error("Cannot set user authentication: {}", e); }
    filterChain.doFilter(request, response);
  }
  private String parseJwt(HttpServletRequest request) {
    String headerAuth = request.getHeader("Authorization");
    if (StringUtils.hasText(headerAuth) && headerAuth.startsWith("Bearer ")) { return headerAuth.substring(7); }
    return null;
  } }""",
    """class WebhookVerifier {
  boolean verify(String payload, String signatureHeader) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signatureHeader));
  } }""",
    """class UserService {
  public User createUser(CreateUserRequest req) { User u = new User(); u.setUsername(req.getUsername()); u.setPassword(passwordEncoder.encode(req.getPassword())); u.setRoles(Set.of(roleRepository.findByName(ERole.ROLE_USER))); return repo.save(u); }
  public void deleteUser(Long id) { userRepository.deleteById(id); }
  public boolean checkPassword(User u, String raw) { return passwordEncoder.matches(raw, u.getPassword()); } }""",
    """class CookieUtil {
  public static void clear(HttpServletResponse response, String name) { Cookie cookie = new Cookie(name, null); cookie.setPath("/"); cookie.setMaxAge(0); response.addCookie(cookie); }
  public static void addLocale(HttpServletResponse response, String lang) { Cookie c = new Cookie("lang", lang); c.setMaxAge(3600); response.addCookie(c); } }""",
    """class RetryPolicy { private final Random random = new Random(); long nextDelay(int attempt) { return base * (1L << attempt) + random.nextInt(1000); } }""",
    """class ApiKeyService {
  public String generateApiKey() { byte[] bytes = new byte[32]; secureRandom.nextBytes(bytes); return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes); }
  public String hashKey(String apiKey) throws Exception { return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(UTF_8))); } }""",
    """class OidcConfig { @Bean SecurityFilterChain f(HttpSecurity http) throws Exception { return http.oauth2Login(o -> o.loginPage("/login")).logout(l -> l.logoutSuccessUrl("/")).authorizeHttpRequests(a -> a.anyRequest().authenticated()).build(); } }""",
    """class MailConfig { @Bean JavaMailSender sender(@Value("${spring.mail.password}") String password) { JavaMailSenderImpl s = new JavaMailSenderImpl(); s.setPassword(password); return s; } }""",
    """class GrantTypes { static boolean isPassword(String grantType) { return "password".equals(grantType) || "refresh_token".equals(grantType); } }""",
    """class TokenController { @PostMapping("/token") public TokenResponse token(@RequestParam("grant_type") String grantType) { if (!"client_credentials".equals(grantType)) throw new BadRequestException(); return issue(); } }""",
    """class ExpiryCheck { boolean expired(Claims c) { return c.getExpiration().before(new Date()); } String issue(String s) { return JWT.create().withSubject(s).withExpiresAt(new Date(System.currentTimeMillis() + 3_600_000)).sign(alg); } }""",
    """class KeycloakSync { void syncUser(UserRepresentation u) { u.setEnabled(true); u.setRealmRoles(List.of("offline_access", "uma_authorization")); } }""",
    """class Audit { void record(String user, String action) { log.info("user={} action={}", user, action); System.out.println("audit " + action); } }""",
    """class Tls { SSLContext ctx() throws Exception { return SSLContexts.custom().loadTrustMaterial(trustStoreFile, storePassword.toCharArray()).build(); } }""",
    """class Redirects { boolean allowed(String redirectUri) { return ALLOWED_REDIRECT_URIS.contains(redirectUri); } boolean internal(String url) { return url.startsWith("/"); } }""",
]

CLEAN_SNIPPETS = [
    'class C { private static final String AUTH_HEADER = "Authorization"; private static final String TOKEN_PREFIX = "Bearer "; private static final String API_KEY_HEADER = "X-API-KEY"; }',
    'class C { static final String PASSWORD_PATTERN = "^(?=.*[0-9])(?=.*[a-z]).{8,}$"; String passwordField = "password"; }',
    'class C { void f(LoginForm form) { if (form.getPassword() == null || form.getPassword().isEmpty()) throw new BadRequest("password required"); } }',
    "class C { boolean same(String password, String confirmPassword) { return password.equals(confirmPassword); } }",
    'class C { void f() { String token = request.getHeader("Authorization"); if (token == null || !token.startsWith("Bearer ")) { return; } } }',
    'class C { @Value("${spring.datasource.password}") String dbPassword; DataSource ds() { return DataSourceBuilder.create().password(dbPassword).build(); } }',
    'class C { void f(HttpServletResponse res) { ResponseCookie c = ResponseCookie.from("XSRF-TOKEN", csrf).httpOnly(false).secure(true).build(); } }',
    'class C { boolean isAdmin(User u) { return u.getRoles().stream().anyMatch(r -> r.getName().equals("ROLE_ADMIN")); } }',
    'class C { void f(Model m) { m.addAttribute("error", "Invalid username or password"); } }',
    'class C { String status(Token t) { if (t.getType().equals(TokenType.REFRESH)) return "refresh"; return "access"; } }',
    'class C { void log(User u) { log.debug("Loaded user {} with roles {}", u.getUsername(), u.getAuthorities()); } }',
    'class C { void onFailure(AuthenticationException e) { log.warn("Authentication failed: {}", e.getMessage()); } }',
    'class C { String t() { Map<String, Object> claims = new HashMap<>(); claims.put("roles", roles); return Jwts.builder().claims(claims).subject(u).issuedAt(now).expiration(exp).signWith(privateKey).compact(); } }',
    'class C { void cfg(HttpSecurity http) throws Exception { http.headers(h -> h.frameOptions(f -> f.sameOrigin())).csrf(c -> c.ignoringRequestMatchers("/h2-console/**")); } }',
    'class C { KeyPair k() throws Exception { KeyPairGenerator g = KeyPairGenerator.getInstance("EC"); g.initialize(new ECGenParameterSpec("secp256r1")); return g.generateKeyPair(); } }',
    'class C { String otp() { int n = secureRandom.nextInt(1_000_000); return String.format("%06d", n); } }',
    "class C { void shuffleQuestions(List<Q> qs) { Collections.shuffle(qs, new Random()); } int pickServer(int n) { return ThreadLocalRandom.current().nextInt(n); } }",
    "class C { @Bean PasswordEncoder pe() { return new Argon2PasswordEncoder(16, 32, 1, 60000, 10); } }",
    'class C { String basic(String user, String pass) { return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes()); } }',
    "class C { void f(UserDto dto, User user) { user.setEmail(dto.getEmail()); user.setDisplayName(dto.getDisplayName()); } }",
    '@RestController class Admin { @PreAuthorize("hasRole(\'ADMIN\')") @PostMapping("/admin/users/{id}/disable") void disableUser(@PathVariable long id) { users.disable(id); sessions.invalidateAll(id); } }',
    "class C { String issueRefresh(String userId) { return Jwts.builder().subject(userId).expiration(Date.from(Instant.now().plus(Duration.ofDays(14)))).signWith(key).compact(); } }",
    'class C { void cors(CorsConfiguration c) { c.setAllowedOrigins(List.of("https://app.example.com")); c.setAllowCredentials(true); c.addAllowedHeader("*"); c.addAllowedMethod("*"); } }',
    'class C { void f(HttpServletRequest req) { String role = req.getParameter("role"); List<User> users = repo.findByRole(role); } }',
]


@pytest.mark.parametrize(("expected", "code"), FLAWED, ids=[f"{e or 'clean'}-{i}" for i, (e, _) in enumerate(FLAWED)])
def test_flawed_shapes_raise_their_guard(expected, code):
    found = {f.guard_id for f in check_code(code, path="src/main/java/auth/A.java").findings}
    java = {g for g in found if g.startswith("IDG5")}
    if expected is None:
        assert not java, java
    else:
        assert expected in java | (found & {"IDG001"}), sorted(found)


@pytest.mark.parametrize("code", CLEAN_IDIOMS + CLEAN_SNIPPETS)
def test_correct_idioms_stay_clean(code):
    result = check_code(code, path="src/main/java/auth/C.java")
    hits = [
        (f.guard_id, f.line)
        for f in result.findings
        if f.guard_id.startswith("IDG5") or f.guard_id in ("IDG000", "IDG001")
    ]
    assert not hits, hits
