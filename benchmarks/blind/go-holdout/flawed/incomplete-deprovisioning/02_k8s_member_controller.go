package controllers

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/log"
)

const memberFinalizer = "teams.example.com/member-cleanup"

// TeamMember mirrors the CRD; only the fields the controller needs.
type TeamMember struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              struct {
		Username  string `json:"username"`
		Namespace string `json:"namespace"`
	} `json:"spec"`
}

type MemberReconciler struct {
	client.Client
}

func (r *MemberReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	var m TeamMember
	if err := r.Get(ctx, req.NamespacedName, &m); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	if m.DeletionTimestamp.IsZero() {
		return ctrl.Result{}, nil
	}
	if err := r.removeAccess(ctx, &m); err != nil {
		return ctrl.Result{}, err
	}
	m.Finalizers = removeString(m.Finalizers, memberFinalizer)
	return ctrl.Result{}, r.Update(ctx, &m)
}

// removeAccess tears down what was provisioned for the member: the
// RoleBinding granting namespace edit and the ServiceAccount token secret.
func (r *MemberReconciler) removeAccess(ctx context.Context, m *TeamMember) error {
	logger := log.FromContext(ctx)
	ns := m.Spec.Namespace
	objs := []client.Object{
		&rbacv1.RoleBinding{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "member-" + m.Spec.Username}},
		&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: m.Spec.Username + "-token"}},
	}
	for _, obj := range objs {
		if err := r.Delete(ctx, obj); err != nil && !apierrors.IsNotFound(err) {
			logger.Error(err, "cleanup failed", "object", obj.GetName())
			continue // flaw: incomplete-deprovisioning
		}
	}
	return nil
}

func removeString(in []string, s string) []string {
	out := in[:0]
	for _, v := range in {
		if v != s {
			out = append(out, v)
		}
	}
	return out
}
