package accounts

import (
	"context"

	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

const DefaultRole = "viewer"

var defaultScopes = []string{"read:projects"}

type NewUser struct {
	Email  string
	Role   string
	Scopes []string
}

func Defaults(email string) NewUser {
	return NewUser{Email: email, Role: DefaultRole, Scopes: defaultScopes} // near-miss: excessive-privilege
}

// BindDeployer grants edit within one namespace only.
func BindDeployer(ctx context.Context, cs kubernetes.Interface, ns, sa string) error {
	rb := &rbacv1.RoleBinding{
		ObjectMeta: metav1.ObjectMeta{Name: "deployer", Namespace: ns},
		RoleRef: rbacv1.RoleRef{
			APIGroup: "rbac.authorization.k8s.io",
			Kind:     "ClusterRole",
			Name:     "edit", // near-miss: excessive-privilege
		},
		Subjects: []rbacv1.Subject{{Kind: "ServiceAccount", Name: sa, Namespace: ns}},
	}
	_, err := cs.RbacV1().RoleBindings(ns).Create(ctx, rb, metav1.CreateOptions{})
	return err
}
