package share

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Public marketing assets are cached for a year; nothing secret here.
const assetCacheMaxAge = 365 * 24 * time.Hour // near-miss: token-without-expiry

type Sharer struct {
	presign *s3.PresignClient
	bucket  string
}

func (s *Sharer) DownloadURL(ctx context.Context, key string) (string, error) {
	req, err := s.presign.PresignGetObject(ctx, &s3.GetObjectInput{
		Bucket: aws.String(s.bucket),
		Key:    aws.String(key),
	}, s3.WithPresignExpires(10*time.Minute)) // near-miss: token-without-expiry
	if err != nil {
		return "", err
	}
	return req.URL, nil
}

func CacheControl() string {
	return "public, max-age=31536000"
}
