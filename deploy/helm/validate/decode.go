package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	k8syaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// The kinds the chart may render, each with its API version. Anything else is a mistake.
var kinds = map[string]func() metav1.Object{
	"apps/v1/Deployment":                     func() metav1.Object { return &appsv1.Deployment{} },
	"v1/Service":                             func() metav1.Object { return &corev1.Service{} },
	"v1/ConfigMap":                           func() metav1.Object { return &corev1.ConfigMap{} },
	"v1/Secret":                              func() metav1.Object { return &corev1.Secret{} },
	"v1/ServiceAccount":                      func() metav1.Object { return &corev1.ServiceAccount{} },
	"policy/v1/PodDisruptionBudget":          func() metav1.Object { return &policyv1.PodDisruptionBudget{} },
	"autoscaling/v2/HorizontalPodAutoscaler": func() metav1.Object { return &autoscalingv2.HorizontalPodAutoscaler{} },
	"networking.k8s.io/v1/NetworkPolicy":     func() metav1.Object { return &networkingv1.NetworkPolicy{} },
	"batch/v1/Job":                           func() metav1.Object { return &batchv1.Job{} },
}

type manifest struct {
	kind   string
	object metav1.Object
	raw    []byte
}

// decodeAll splits a multi-document YAML stream and decodes each document strictly: an unknown
// or misspelt field, a duplicate key or a value of the wrong type is an error, not ignored.
func decodeAll(r io.Reader) ([]manifest, []string) {
	var out []manifest
	var problems []string
	reader := k8syaml.NewYAMLReader(bufio.NewReader(r))
	for index := 1; ; index++ {
		doc, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("document %d: cannot be read: %v", index, err))
			break
		}
		if empty(doc) {
			continue
		}
		var meta metav1.TypeMeta
		if err := yaml.Unmarshal(doc, &meta); err != nil {
			problems = append(problems, fmt.Sprintf("document %d: not YAML: %v", index, err))
			continue
		}
		key := meta.APIVersion + "/" + meta.Kind
		newObject, known := kinds[key]
		if !known {
			problems = append(problems, fmt.Sprintf("document %d: %s is not a kind this chart renders", index, key))
			continue
		}
		obj := newObject()
		if err := yaml.UnmarshalStrict(doc, obj); err != nil {
			problems = append(problems, fmt.Sprintf("document %d (%s): %v", index, meta.Kind, err))
			continue
		}
		out = append(out, manifest{kind: meta.Kind, object: obj, raw: doc})
	}
	return out, problems
}

// A document of only comments or whitespace (helm prints "# Source:" headers).
func empty(doc []byte) bool {
	for _, line := range bytes.Split(doc, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) > 0 && line[0] != '#' {
			return false
		}
	}
	return true
}
