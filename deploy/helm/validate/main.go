// chart-validate reads `helm template` output and fails, listing every problem, when a rendered
// object does not decode strictly into its Kubernetes API type or breaks one of the chart's rules:
// numeric non-root users, no privilege escalation, capabilities dropped, read-only root with a
// writable /tmp, seccomp RuntimeDefault, no service account token, resources, the three probes of
// every service, names prefixed by the release, and selectors and references that resolve.
//
//	helm template desk deploy/helm/helpdesk | chart-validate -release desk
//
// On success it prints the decoded objects as JSON ({"objects": [...]}) for further checks.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
)

func main() {
	var expect expectation
	flag.StringVar(&expect.release, "release", "", "the release's name (required)")
	flag.StringVar(&expect.prefix, "prefix", "", "the prefix of every name (default: the release's name)")
	flag.StringVar(&expect.existingSecret, "existing-secret", "", "a Secret the pods read that the chart does not render")
	flag.StringVar(&expect.existingServiceAccount, "existing-service-account", "", "a ServiceAccount that the chart does not render")
	flag.Parse()
	if expect.release == "" {
		fmt.Fprintln(os.Stderr, "chart-validate: -release is required")
		os.Exit(2)
	}
	if expect.prefix == "" {
		expect.prefix = expect.release
	}
	manifests, problems := decodeAll(os.Stdin)
	if len(manifests) == 0 && len(problems) == 0 {
		problems = append(problems, "no objects on stdin")
	}
	problems = append(problems, check(manifests, expect)...)
	if len(problems) > 0 {
		fmt.Fprintf(os.Stderr, "chart-validate: %d problem(s) in %d object(s):\n", len(problems), len(manifests))
		for _, p := range problems {
			fmt.Fprintf(os.Stderr, "  - %s\n", p)
		}
		os.Exit(1)
	}
	objects := make([]any, 0, len(manifests))
	for _, m := range manifests {
		objects = append(objects, m.object)
	}
	if err := json.NewEncoder(os.Stdout).Encode(map[string]any{"objects": objects}); err != nil {
		fmt.Fprintln(os.Stderr, "chart-validate:", err)
		os.Exit(1)
	}
}
