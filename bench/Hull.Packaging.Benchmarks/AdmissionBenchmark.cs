using System.Diagnostics;
using System.Globalization;
using Hull.Packaging.Admission;
using Hull.Packaging.Installing;
using Hull.Yaml;

/// <summary>
/// <c>Hull.Packaging.Benchmarks admission [RESOURCES] [RUNS]</c>: the dir: target's admission of one install of
/// RESOURCES resources (default 2,000: Deployments, Services, ConfigMaps, Secrets and custom resources of a CRD in the
/// same output, in turn), as the reconciler runs it. Prints the first use (the embedded OpenAPI document loaded and
/// the definitions reached converted) and the median of RUNS later checks (default 5) of all resources.
/// </summary>
internal static class AdmissionBenchmark
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.bench.corp.com}
        spec:
          group: bench.corp.com
          names: {plural: widgets, kind: Widget}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [size]
                    properties:
                      size: {type: integer, minimum: 1}
                      color: {type: string, enum: [red, blue]}
                      tags: {type: array, items: {type: string}}
        """;

    public static int Run(string[] args)
    {
        int resources = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var crd = Parse(Crd);
        var documents = new List<Map> { crd };
        for (int i = 0; documents.Count < resources; i++)
        {
            documents.Add(Parse((i % 5) switch
            {
                0 => $$$"""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: app{{{i}}}, namespace: apps, labels: {app.kubernetes.io/name: app{{{i}}}}}
                    spec:
                      replicas: 2
                      selector: {matchLabels: {app: app{{{i}}}}}
                      template:
                        metadata: {labels: {app: app{{{i}}}}}
                        spec:
                          containers:
                          - name: app
                            image: registry.corp/app@sha256:d066eb08e9783196e2348cd8da8e3d735d7e31e2cc076d94ce790ee73ca30cff
                            env: [{name: MODE, value: prod}]
                            ports: [{containerPort: 8080, name: http}]
                            resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 128Mi}}
                            readinessProbe: {httpGet: {path: /healthz, port: http}}
                    """,
                1 => $"apiVersion: v1\nkind: Service\nmetadata: {{name: app{i}, namespace: apps}}\nspec:\n  selector: {{app: app{i}}}\n  ports: [{{port: 80, targetPort: http}}]\n",
                2 => $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: app{i}, namespace: apps}}\ndata: {{mode: prod, replicas: \"2\"}}\n",
                3 => $"apiVersion: v1\nkind: Secret\nmetadata: {{name: app{i}, namespace: apps}}\ndata: {{password: cGFzc3dvcmQ=}}\n",
                _ => $"apiVersion: bench.corp.com/v1\nkind: Widget\nmetadata: {{name: w{i}, namespace: apps}}\nspec: {{size: 3, color: red, tags: [a, b]}}\n",
            }));
        }
        var keys = documents.Select(d => ResourceKey.Of(d, "apps")).ToList();
        double load = Time(() => KubernetesOpenApi.Instance.Find("apps", "v1", "Deployment"));
        double first = Time(() => Check(documents, keys, crd));
        var times = new List<double>();
        for (int r = 0; r < runs; r++)
        {
            times.Add(Time(() => Check(documents, keys, crd)));
        }
        times.Sort();
        Console.WriteLine($"admission of {documents.Count} resources: OpenAPI document loaded in {load:F1} ms, first check {first:F1} ms (JIT, definitions converted), then median {times[times.Count / 2]:F1} ms (min {times[0]:F1}, max {times[^1]:F1}) over {runs} runs");
        return 0;
    }

    private static void Check(List<Map> documents, List<ResourceKey> keys, Map crd)
    {
        var admission = new ApiServerAdmission([crd], () => []);
        for (int i = 0; i < documents.Count; i++)
        {
            if (admission.Check(keys[i], documents[i]).Rejection is { } rejection)
            {
                throw new InvalidOperationException(rejection);
            }
        }
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static Map Parse(string yaml) => (Map)YamlParser.Parse(yaml, "bench").Items.Single(d => !d.IsEmpty).Value!;
}
