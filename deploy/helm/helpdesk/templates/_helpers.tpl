{{/*
The prefix of every object's name: the release's name (or fullnameOverride), so two releases in
one namespace never collide. Kept short enough for "<prefix>-notifications-config" to stay a
valid 63-character name.
*/}}
{{- define "helpdesk.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* "<prefix>-<component>", e.g. "desk-tickets". Call with (list $ "tickets"). */}}
{{- define "helpdesk.componentName" -}}
{{- printf "%s-%s" (include "helpdesk.fullname" (index . 0)) (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "helpdesk.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion -}}
{{- end -}}

{{/* repository:tag, or repository@digest when a digest is pinned. */}}
{{- define "helpdesk.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (include "helpdesk.imageTag" .) -}}
{{- end -}}
{{- end -}}

{{/* The labels every object carries (Kubernetes' recommended app.kubernetes.io/* set). */}}
{{- define "helpdesk.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ include "helpdesk.imageTag" . | trunc 63 | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: helpdesk
{{- end -}}

{{/* What selects one component's pods. Call with (dict "root" $ "component" "tickets"). */}}
{{- define "helpdesk.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "helpdesk.componentLabels" -}}
{{ include "helpdesk.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The Secret the pods read credentials from: the one you manage, or the chart's. */}}
{{- define "helpdesk.secretName" -}}
{{- .Values.secrets.existingSecret | default (include "helpdesk.componentName" (list . "credentials")) -}}
{{- end -}}

{{- define "helpdesk.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "helpdesk.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/*
Pods run as the image's numeric non-root user: the kubelet can check runAsNonRoot only against a
number (a user name gives CreateContainerConfigError).
*/}}
{{- define "helpdesk.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "helpdesk.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The root file system is read-only: the process writes only here (Node's os.tmpdir() and DATA_DIR). */}}
{{- define "helpdesk.writableVolumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.writableVolumes.tmpSizeLimit }}
- name: data
  emptyDir:
    sizeLimit: {{ .Values.writableVolumes.dataSizeLimit }}
{{- end -}}

{{- define "helpdesk.writableMounts" -}}
- name: tmp
  mountPath: /tmp
- name: data
  mountPath: /app/data
{{- end -}}

{{/* Where the chart's pods run and what they pull with: the services and the topics job alike. */}}
{{- define "helpdesk.podPlacement" -}}
{{- with .Values.nodeSelector }}
nodeSelector: {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations: {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity: {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets: {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
A service's values over the shared ones, key by key, as JSON (read back with fromJson). Not
sprig's merge: it lets a shared `true` win over a service's `false` or "".
Call with (dict "shared" $.Values.config "own" $service.config).
*/}}
{{- define "helpdesk.overlay" -}}
{{- $merged := deepCopy .shared -}}
{{- range $key, $value := (.own | default dict) }}
{{- $_ := set $merged $key $value }}
{{- end }}
{{- toJson $merged -}}
{{- end -}}
