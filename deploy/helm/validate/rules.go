package main

import (
	"fmt"
	"slices"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation"
)

// expectation is what the caller knows about the release that was rendered.
type expectation struct {
	release string
	// Every object's name begins with this (the release's name or fullnameOverride).
	prefix string
	// A Secret the pods may read that the chart does not render (secrets.existingSecret).
	existingSecret string
	// A ServiceAccount the pods may run as that the chart does not render.
	existingServiceAccount string
}

// The health endpoints every service container is probed on.
var probePaths = map[string]string{"startup": "/health/started", "readiness": "/health/ready", "liveness": "/health/live"}

var requiredLabels = []string{
	"app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version",
	"app.kubernetes.io/managed-by", "app.kubernetes.io/part-of",
}

type checker struct {
	expect    expectation
	manifests []manifest
	problems  []string
}

func (c *checker) fail(m manifest, format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf("%s %s: %s", m.kind, m.object.GetName(), fmt.Sprintf(format, args...)))
}

func check(manifests []manifest, expect expectation) []string {
	c := &checker{expect: expect, manifests: manifests}
	for _, m := range manifests {
		c.checkMetadata(m)
		switch o := m.object.(type) {
		case *appsv1.Deployment:
			c.checkDeployment(m, o)
		case *batchv1.Job:
			c.checkPod(m, o.Spec.Template.Spec)
			if p := o.Spec.Template.Spec.RestartPolicy; p != corev1.RestartPolicyNever && p != corev1.RestartPolicyOnFailure {
				c.fail(m, "restartPolicy %q: a job's pods must be Never or OnFailure", p)
			}
		case *corev1.Service:
			c.checkService(m, o)
		case *policyv1.PodDisruptionBudget:
			c.checkSelects(m, o.Spec.Selector)
		case *autoscalingv2.HorizontalPodAutoscaler:
			c.checkAutoscaler(m, o)
		}
	}
	return c.problems
}

func (c *checker) checkMetadata(m manifest) {
	name := m.object.GetName()
	if name != c.expect.prefix && !strings.HasPrefix(name, c.expect.prefix+"-") {
		c.fail(m, "the name does not begin with the release's prefix %q: two releases would collide", c.expect.prefix)
	}
	for _, reason := range validation.IsDNS1123Label(name) {
		c.fail(m, "the name is not a DNS label: %s", reason)
	}
	objectLabels := m.object.GetLabels()
	for _, key := range requiredLabels {
		if objectLabels[key] == "" {
			c.fail(m, "label %s is missing", key)
		}
	}
	if got := objectLabels["app.kubernetes.io/instance"]; got != c.expect.release {
		c.fail(m, "label app.kubernetes.io/instance is %q, not the release %q", got, c.expect.release)
	}
	for key, value := range objectLabels {
		for _, reason := range validation.IsValidLabelValue(value) {
			c.fail(m, "label %s=%q: %s", key, value, reason)
		}
	}
}

func (c *checker) checkDeployment(m manifest, d *appsv1.Deployment) {
	selector, err := metav1.LabelSelectorAsSelector(d.Spec.Selector)
	if err != nil || selector.Empty() || !selector.Matches(labels.Set(d.Spec.Template.Labels)) {
		c.fail(m, "the selector does not select the pod template's labels")
	}
	if d.Spec.Replicas == nil && c.autoscalerOf(d.Name) == nil {
		c.fail(m, "no replicas and no HorizontalPodAutoscaler")
	}
	if d.Spec.Replicas != nil && c.autoscalerOf(d.Name) != nil {
		c.fail(m, "replicas is set although a HorizontalPodAutoscaler scales it: every upgrade would reset the count")
	}
	pod := d.Spec.Template.Spec
	c.checkPod(m, pod)
	for _, container := range pod.Containers {
		probes := map[string]*corev1.Probe{"startup": container.StartupProbe, "readiness": container.ReadinessProbe, "liveness": container.LivenessProbe}
		for kind, probe := range probes {
			switch {
			case probe == nil:
				c.fail(m, "container %s has no %sProbe", container.Name, kind)
			case probe.HTTPGet == nil || probe.HTTPGet.Path != probePaths[kind]:
				c.fail(m, "container %s: the %sProbe must GET %s", container.Name, kind, probePaths[kind])
			case !hasPort(container, probe.HTTPGet.Port.String()):
				c.fail(m, "container %s: the %sProbe's port %s is not a port of the container", container.Name, kind, probe.HTTPGet.Port.String())
			}
		}
	}
}

// The security rules every pod of the chart follows, services and jobs alike.
func (c *checker) checkPod(m manifest, pod corev1.PodSpec) {
	if pod.AutomountServiceAccountToken == nil || *pod.AutomountServiceAccountToken {
		c.fail(m, "automountServiceAccountToken must be false: the services never call the Kubernetes API")
	}
	if pod.ServiceAccountName == "" || pod.ServiceAccountName == "default" {
		c.fail(m, "runs as the namespace's default ServiceAccount")
	} else if !c.has("ServiceAccount", pod.ServiceAccountName) && pod.ServiceAccountName != c.expect.existingServiceAccount {
		c.fail(m, "ServiceAccount %s is neither rendered nor named as existing", pod.ServiceAccountName)
	}
	security := pod.SecurityContext
	if security == nil {
		c.fail(m, "no pod securityContext")
		security = &corev1.PodSecurityContext{}
	}
	if security.FSGroup == nil || *security.FSGroup <= 0 {
		c.fail(m, "pod securityContext.fsGroup must be a non-root group id (the writable volumes' owner)")
	}
	if security.SeccompProfile == nil || security.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault {
		c.fail(m, "pod securityContext.seccompProfile must be RuntimeDefault")
	}
	volumes := map[string]corev1.Volume{}
	for _, v := range pod.Volumes {
		volumes[v.Name] = v
	}
	for _, container := range slices.Concat(pod.InitContainers, pod.Containers) {
		c.checkContainer(m, container, security, volumes)
	}
}

func (c *checker) checkContainer(m manifest, container corev1.Container, pod *corev1.PodSecurityContext, volumes map[string]corev1.Volume) {
	fail := func(format string, args ...any) {
		c.fail(m, "container %s: %s", container.Name, fmt.Sprintf(format, args...))
	}
	s := container.SecurityContext
	if s == nil {
		fail("no securityContext")
		s = &corev1.SecurityContext{}
	}
	runAsNonRoot := s.RunAsNonRoot
	if runAsNonRoot == nil {
		runAsNonRoot = pod.RunAsNonRoot
	}
	if runAsNonRoot == nil || !*runAsNonRoot {
		fail("runAsNonRoot must be true")
	}
	for field, id := range map[string]*int64{"runAsUser": first(s.RunAsUser, pod.RunAsUser), "runAsGroup": first(s.RunAsGroup, pod.RunAsGroup)} {
		if id == nil || *id <= 0 {
			fail("%s must be a numeric non-root id: the kubelet checks runAsNonRoot only against a number", field)
		}
	}
	if s.AllowPrivilegeEscalation == nil || *s.AllowPrivilegeEscalation {
		fail("allowPrivilegeEscalation must be false")
	}
	if s.Privileged != nil && *s.Privileged {
		fail("must not be privileged")
	}
	if s.ReadOnlyRootFilesystem == nil || !*s.ReadOnlyRootFilesystem {
		fail("readOnlyRootFilesystem must be true")
	}
	if s.Capabilities == nil || !slices.Contains(s.Capabilities.Drop, "ALL") || len(s.Capabilities.Add) > 0 {
		fail("capabilities must drop ALL and add none")
	}
	if s.SeccompProfile != nil && s.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault {
		fail("seccompProfile must be RuntimeDefault")
	}
	if container.Image == "" || strings.HasSuffix(container.Image, ":latest") || !strings.ContainsAny(container.Image[strings.LastIndex(container.Image, "/")+1:], ":@") {
		fail("image %q must name a tag (not latest) or a digest", container.Image)
	}
	if container.Resources.Requests.Cpu().IsZero() || container.Resources.Requests.Memory().IsZero() || container.Resources.Limits.Memory().IsZero() {
		fail("resources must request cpu and memory and limit memory")
	}
	writableTmp := false
	for _, mount := range container.VolumeMounts {
		volume, declared := volumes[mount.Name]
		if !declared {
			fail("mounts volume %s, which the pod does not declare", mount.Name)
			continue
		}
		if mount.MountPath == "/tmp" && volume.EmptyDir != nil && !mount.ReadOnly {
			writableTmp = true
		}
	}
	if !writableTmp {
		fail("no writable emptyDir at /tmp under the read-only root")
	}
	for _, source := range container.EnvFrom {
		if ref := source.ConfigMapRef; ref != nil && !c.has("ConfigMap", ref.Name) {
			fail("reads ConfigMap %s, which is not rendered", ref.Name)
		}
		if ref := source.SecretRef; ref != nil && !c.has("Secret", ref.Name) && ref.Name != c.expect.existingSecret {
			fail("reads Secret %s, which is neither rendered nor named as existing", ref.Name)
		}
	}
}

func (c *checker) checkService(m manifest, s *corev1.Service) {
	deployment := c.checkSelects(m, &metav1.LabelSelector{MatchLabels: s.Spec.Selector})
	if deployment == nil {
		return
	}
	for _, port := range s.Spec.Ports {
		if !slices.ContainsFunc(deployment.Spec.Template.Spec.Containers, func(container corev1.Container) bool {
			return hasPort(container, port.TargetPort.String())
		}) {
			c.fail(m, "port %s targets %s, which no container of %s exposes", port.Name, port.TargetPort.String(), deployment.Name)
		}
	}
}

// checkSelects reports a selector that selects the pods of no Deployment, or of more than one.
func (c *checker) checkSelects(m manifest, labelSelector *metav1.LabelSelector) *appsv1.Deployment {
	selector, err := metav1.LabelSelectorAsSelector(labelSelector)
	if err != nil || selector.Empty() {
		c.fail(m, "an empty or invalid selector would select every pod")
		return nil
	}
	var selected []*appsv1.Deployment
	for _, other := range c.manifests {
		if d, ok := other.object.(*appsv1.Deployment); ok && selector.Matches(labels.Set(d.Spec.Template.Labels)) {
			selected = append(selected, d)
		}
	}
	if len(selected) != 1 {
		c.fail(m, "selects the pods of %d Deployments, not one", len(selected))
		return nil
	}
	return selected[0]
}

func (c *checker) checkAutoscaler(m manifest, h *autoscalingv2.HorizontalPodAutoscaler) {
	target := h.Spec.ScaleTargetRef
	if target.Kind != "Deployment" || target.APIVersion != "apps/v1" || !c.has("Deployment", target.Name) {
		c.fail(m, "scales %s %s, which is not a rendered Deployment", target.Kind, target.Name)
	}
	if h.Spec.MinReplicas == nil || *h.Spec.MinReplicas < 1 || *h.Spec.MinReplicas > h.Spec.MaxReplicas {
		c.fail(m, "minReplicas must be between 1 and maxReplicas")
	}
}

func (c *checker) has(kind, name string) bool {
	return slices.ContainsFunc(c.manifests, func(m manifest) bool { return m.kind == kind && m.object.GetName() == name })
}

func (c *checker) autoscalerOf(deployment string) *autoscalingv2.HorizontalPodAutoscaler {
	for _, m := range c.manifests {
		if h, ok := m.object.(*autoscalingv2.HorizontalPodAutoscaler); ok && h.Spec.ScaleTargetRef.Name == deployment {
			return h
		}
	}
	return nil
}

func hasPort(container corev1.Container, port string) bool {
	return slices.ContainsFunc(container.Ports, func(p corev1.ContainerPort) bool {
		return p.Name == port || fmt.Sprint(p.ContainerPort) == port
	})
}

func first(values ...*int64) *int64 {
	for _, v := range values {
		if v != nil {
			return v
		}
	}
	return nil
}
