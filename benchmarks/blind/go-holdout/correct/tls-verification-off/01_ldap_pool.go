package directory

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"

	"github.com/go-ldap/ldap/v3"
)

type LDAPConfig struct {
	URL        string
	ServerName string
	CAFile     string
	BindDN     string
	BindPass   string
}

func loadPool(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New("no certificates in CA file")
	}
	return pool, nil
}

func Connect(cfg LDAPConfig) (*ldap.Conn, error) {
	pool, err := loadPool(cfg.CAFile)
	if err != nil {
		return nil, fmt.Errorf("ldap ca: %w", err)
	}
	tlsCfg := &tls.Config{
		RootCAs:            pool,
		ServerName:         cfg.ServerName,
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: false, // near-miss: tls-verification-off
	}
	conn, err := ldap.DialURL(cfg.URL, ldap.DialWithTLSConfig(tlsCfg))
	if err != nil {
		return nil, err
	}
	if err := conn.Bind(cfg.BindDN, cfg.BindPass); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}
