package integrations

import (
	"context"
	"database/sql"
	"net/http"

	"github.com/gorilla/sessions"
	_ "github.com/jackc/pgx/v5/stdlib"
	"golang.org/x/oauth2"
)

const dbURL = "postgres://billing:Qx7pPz93mk@db.internal:5432/billing?sslmode=verify-full" // flaw: hardcoded-password

var cookieStore = sessions.NewCookieStore([]byte("c0ffee-session-signing-key-2023")) // flaw: hardcoded-password

func init() {
	cookieStore.Options = &sessions.Options{Path: "/", MaxAge: 3600, Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode}
}

var githubOAuth = &oauth2.Config{
	ClientID:     "billing-portal",
	ClientSecret: "Bp7-portal-Xq2mR9vL4tZ", // flaw: hardcoded-password
	Endpoint: oauth2.Endpoint{
		AuthURL:  "https://github.com/login/oauth/authorize",
		TokenURL: "https://github.com/login/oauth/access_token",
	},
	RedirectURL: "https://billing.example.com/oauth/callback",
	Scopes:      []string{"read:user"},
}

func Open(ctx context.Context) (*sql.DB, error) {
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		return nil, err
	}
	return db, db.PingContext(ctx)
}

func Callback(w http.ResponseWriter, r *http.Request) {
	tok, err := githubOAuth.Exchange(r.Context(), r.URL.Query().Get("code"))
	if err != nil {
		http.Error(w, "exchange failed", http.StatusBadGateway)
		return
	}
	sess, _ := cookieStore.Get(r, "gh")
	sess.Values["token"] = tok.AccessToken
	_ = sess.Save(r, w)
	http.Redirect(w, r, "/", http.StatusFound)
}
