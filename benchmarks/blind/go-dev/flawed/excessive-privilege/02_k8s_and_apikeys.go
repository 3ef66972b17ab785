package controller

import (
	"context"
	"time"

	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

const defaultKeyScope = "*"

type APIKey struct {
	Owner   string
	Scopes  []string
	Created time.Time
}

// NewKey is called from the dashboard "Create key" button.
func NewKey(owner string) APIKey {
	return APIKey{Owner: owner, Scopes: []string{defaultKeyScope}, Created: time.Now()} // flaw: excessive-privilege
}

// BindRunner gives a tenant's CI runner service account access to deploy.
func BindRunner(ctx context.Context, cs kubernetes.Interface, ns, sa string) error {
	rb := &rbacv1.ClusterRoleBinding{
		ObjectMeta: metav1.ObjectMeta{Name: "ci-runner-" + ns},
		RoleRef: rbacv1.RoleRef{
			APIGroup: "rbac.authorization.k8s.io",
			Kind:     "ClusterRole",
			Name:     "cluster-admin", // flaw: excessive-privilege
		},
		Subjects: []rbacv1.Subject{{Kind: "ServiceAccount", Name: sa, Namespace: ns}},
	}
	_, err := cs.RbacV1().ClusterRoleBindings().Create(ctx, rb, metav1.CreateOptions{})
	return err
}
