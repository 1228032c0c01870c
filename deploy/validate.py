#!/usr/bin/env python3
"""Parses and checks the deploy recipes that cannot run here (no container engine, no
Kubernetes, no systemd): run by the test suite, so CI catches a broken recipe."""
import configparser, os, re, shutil, subprocess, sys, tempfile
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = open(os.path.join(HERE, "..", "docs", "configuration.md"), encoding="utf-8").read()
errors = []

def check(ok, message):
    if not ok: errors.append(message)

def config_keys(env):  # every Surveys__X__Y key must be a documented setting
    for key in env:
        if key.startswith("Surveys__") or key.startswith("ConnectionStrings__"):
            documented = re.sub(r":\d+(:|$)", r":N\1", key.replace("__", ":"))
            path = documented.split(":N")[0]
            parent, leaf = path.rsplit(":", 1)
            # The table writes siblings compactly: `Surveys:RabbitMq:Host`, `:Port`, `:Username`…
            check(path in DOCS or (parent in DOCS and f"`:{leaf}`" in DOCS), f"{key}: not documented in docs/configuration.md ({path})")

# compose.yaml
compose = yaml.safe_load(open(os.path.join(HERE, "compose.yaml")))
services = compose["services"]
for name in ["postgres", "rabbitmq1", "rabbitmq2", "rabbitmq3", "migrate", "worker", "api", "proxy"]:
    check(name in services, f"compose: service {name} missing")
for name in ["worker", "api"]:
    check(services[name].get("deploy", {}).get("replicas", 1) >= 2, f"compose: {name} should run 2 replicas")
    env = services[name]["environment"]
    check(env.get("Surveys__Mode") == "Server", f"compose: {name} not in Server mode")
    config_keys(env)
template = open(os.path.join(HERE, "surveys.env.example")).read()
for var in set(re.findall(r"\$\{([A-Z_]+)", open(os.path.join(HERE, "compose.yaml")).read())):
    check(f"{var}=" in template, f"compose: ${{{var}}} not in surveys.env.example")

# Forwarded headers: ASP.NET's switch would trust any peer; the API must name its proxy instead.
recipes = {f: open(os.path.join(HERE, f)).read() for f in ["compose.yaml", "k8s/config.yaml", "systemd/surveys.env.example"]}
for f, text in recipes.items():
    check("ASPNETCORE_FORWARDEDHEADERS_ENABLED" not in text, f"{f}: ASPNETCORE_FORWARDEDHEADERS_ENABLED trusts every peer; use Surveys__ForwardedHeaders__KnownProxies__N")
check("Surveys__ForwardedHeaders__KnownProxies__0" in services["api"]["environment"], "compose: api trusts no proxy (Surveys__ForwardedHeaders__KnownProxies__0)")
check(re.search(r"add_header Strict-Transport-Security \"max-age=\d+", open(os.path.join(HERE, "nginx", "surveys.conf")).read()), "nginx: no HSTS header")

# Kubernetes manifests
docs = [d for f in sorted(os.listdir(os.path.join(HERE, "k8s")))
        for d in yaml.safe_load_all(open(os.path.join(HERE, "k8s", f))) if d]
kinds = {(d["kind"], d["metadata"]["name"]) for d in docs}
for kind, name in [("Deployment", "surveys-api"), ("Deployment", "surveys-worker"), ("PodDisruptionBudget", "surveys-api"),
                   ("PodDisruptionBudget", "surveys-worker"), ("ConfigMap", "surveys-config"), ("Secret", "surveys-secrets"),
                   ("Service", "surveys-api"), ("Job", "surveys-migrate")]:
    check((kind, name) in kinds, f"k8s: {kind} {name} missing")
for d in docs:
    if d["kind"] == "Deployment":
        labels = d["spec"]["template"]["metadata"]["labels"]
        check(d["spec"]["selector"]["matchLabels"] == labels, f"k8s: {d['metadata']['name']} selector does not match its pods")
        for c in d["spec"]["template"]["spec"]["containers"]:
            check(c["readinessProbe"]["httpGet"]["path"] == "/health/ready", f"k8s: {c['name']} readiness is not /health/ready")
            check(c["livenessProbe"]["httpGet"]["path"] == "/health/live", f"k8s: {c['name']} liveness is not /health/live")
    if d["kind"] == "PodDisruptionBudget":
        check(("Deployment", d["metadata"]["name"]) in kinds, f"k8s: PDB {d['metadata']['name']} protects nothing")
    if d["kind"] == "ConfigMap":
        config_keys(d["data"])
        for key in d["data"]:
            check(not re.search(r"Password|Keys__|ConnectionStrings", key), f"k8s: secret {key} in a ConfigMap")
    if d["kind"] == "Secret":
        config_keys(d["stringData"])

# systemd units
for unit in ["surveys-api.service", "surveys-worker@.service"]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(os.path.join(HERE, "systemd", unit))
    for section in ["Unit", "Service", "Install"]:
        check(parser.has_section(section), f"systemd: {unit} lacks [{section}]")
    check(parser.get("Service", "ExecStart", fallback="").startswith("/usr/bin/dotnet "), f"systemd: {unit} ExecStart")
    check(parser.get("Service", "KillSignal", fallback="") == "SIGTERM", f"systemd: {unit} should stop with SIGTERM")
config_keys([l.split("=", 1)[0] for l in open(os.path.join(HERE, "systemd", "surveys.env.example")) if "=" in l and not l.startswith("#")])

# Dockerfile: instructions only, starting with FROM
known = {"FROM", "ARG", "ENV", "WORKDIR", "COPY", "RUN", "USER", "EXPOSE", "ENTRYPOINT", "CMD", "LABEL", "HEALTHCHECK"}
logical = re.sub(r"\\\n", " ", open(os.path.join(HERE, "Dockerfile")).read())  # join continued lines
instructions = [l.split()[0] for l in logical.splitlines() if l.strip() and not l.startswith("#")]
check(instructions and instructions[0] == "FROM", "Dockerfile: must start with FROM")
check(set(instructions) <= known, f"Dockerfile: unknown instruction(s) {set(instructions) - known}")

# nginx: the real parser when it is installed (host names swapped for loopback so -t resolves them)
if shutil.which("nginx"):
    with tempfile.TemporaryDirectory() as tmp:
        site = open(os.path.join(HERE, "nginx", "surveys.conf")).read().replace("server api:8080", "server 127.0.0.1:8080")
        conf = os.path.join(tmp, "nginx.conf")
        open(conf, "w").write(f"pid {tmp}/nginx.pid; error_log stderr; events {{}} http {{ access_log off; {site} }}")
        result = subprocess.run(["nginx", "-t", "-q", "-c", conf, "-p", tmp], capture_output=True, text=True)
        check(result.returncode == 0, f"nginx -t: {result.stderr.strip()}")
else:
    errors.append("nginx is not installed: scripts/test.sh installs it to check deploy/nginx/surveys.conf")

# shell scripts
for script in ["rabbitmq-cluster.sh"]:
    check(subprocess.run(["bash", "-n", os.path.join(HERE, script)]).returncode == 0, f"{script}: bash -n failed")

for e in errors: print("deploy/validate.py:", e, file=sys.stderr)
print(f"deploy recipes: {'OK' if not errors else f'{len(errors)} problem(s)'}")
sys.exit(1 if errors else 0)
