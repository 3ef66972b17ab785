package idp

import (
	"crypto/tls"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

type Client struct {
	baseURL      string
	clientID     string
	clientSecret string
	http         *http.Client
}

func New() *Client {
	tr := &http.Transport{
		TLSClientConfig: &tls.Config{
			InsecureSkipVerify: true, // flaw: tls-verification-off
		},
		MaxIdleConns:    10,
		IdleConnTimeout: 30 * time.Second,
	}
	return &Client{
		baseURL:      os.Getenv("IDP_URL"),
		clientID:     os.Getenv("IDP_CLIENT_ID"),
		clientSecret: os.Getenv("IDP_CLIENT_SECRET"),
		http:         &http.Client{Transport: tr, Timeout: 10 * time.Second},
	}
}

func (c *Client) Token(username, password string) (*http.Response, error) {
	form := url.Values{
		"grant_type": {"password"},
		"username":   {username},
		"password":   {password},
	}
	req, err := http.NewRequest(http.MethodPost, c.baseURL+"/oauth/token", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth(c.clientID, c.clientSecret)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.http.Do(req)
}
