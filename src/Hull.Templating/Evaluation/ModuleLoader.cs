using Hull.Starlark;
using Hull.Starlark.Values;
using Hull.Templating.Compilation;
using Hull.Templating.Files;
using Hull.Templating.Modules;
using Hull.Templating.Text;
using Hull.Templating.Yaml;
using Hull.Yaml;

namespace Hull.Templating.Evaluation;

/// <summary>
/// Resolves `load()`: `@ytt:*` modules and files (`.star`, `.lib.yml`, `.lib.txt`) relative to the loading file, or,
/// for a path starting with `/`, to the root of the library the loading file belongs to; cached, cycles refused.
/// </summary>
public sealed class ModuleLoader
{
    /// <summary>Thread-local key of the file whose code is running (load() and data.read() resolve relative to it).</summary>
    public const string CurrentFileKey = "hull.templating.file";

    private readonly Dictionary<string, InputFile> _files;
    private readonly TemplateOptions _options;
    private readonly string _root;
    private readonly Dictionary<string, IReadOnlyDictionary<string, Value>> _cache = new(StringComparer.Ordinal);
    private readonly HashSet<string> _loading = new(StringComparer.Ordinal);
    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledTemplate> _compiled = new(StringComparer.Ordinal);

    /// <summary>Creates a loader over the input files of the library rooted at <paramref name="root"/> (empty, or ending in `/`).</summary>
    public ModuleLoader(IEnumerable<InputFile> files, TemplateOptions options, BuiltinModules modules, string root = "")
    {
        _root = root;
        _files = files.GroupBy(f => f.RelativePath, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var path in _files.Keys)
        {
            for (int slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
            {
                _folders.Add(path[..slash]);
            }
        }
        _options = options;
        Modules = modules;
    }

    /// <summary>The `@ytt:*` modules.</summary>
    public BuiltinModules Modules { get; }

    /// <summary>Generated code of a compiled template by file name (for error layout).</summary>
    public IReadOnlyList<CodeLine>? CodeOf(string file) => _compiled.TryGetValue(file, out var t) ? t.Code : null;

    /// <summary>Registers a compiled template so errors inside it can show its lines.</summary>
    public void Register(CompiledTemplate t) => _compiled[t.Name] = t;

    /// <summary>A new thread whose load() goes through this loader, starting in <paramref name="file"/>.</summary>
    public StarlarkThread NewThread(string file)
    {
        var thread = new StarlarkThread { Name = file, Load = Load, MaxSteps = _options.MaxSteps };
        thread.SetLocal(CurrentFileKey, file);
        return thread;
    }

    private IReadOnlyDictionary<string, Value> Load(StarlarkThread thread, string module)
    {
        if (module.StartsWith("@ytt:", StringComparison.Ordinal))
        {
            var m = Modules.Get(module[5..]) ?? throw new EvalException($"builtin ytt library does not have module '{module[5..]}' (hint: is it available in newer version of ytt?)");
            return m;
        }
        string from = thread.GetLocal(CurrentFileKey) as string ?? "";
        string path = module.StartsWith('@') ? ResolveLibraryPath(from, module)
            : module.StartsWith('/') ? ResolveFile(_root.TrimEnd('/'), module[1..])
            : ResolveFile(Path.GetDirectoryName(from)?.Replace('\\', '/') ?? "", module);
        if (_cache.TryGetValue(path, out var cached)) return cached;
        var file = _files[path];
        if (!_loading.Add(path))
        {
            throw new EvalException("cycle in load graph");
        }
        try
        {
            var globals = EvalModule(file);
            _cache[path] = globals;
            return globals;
        }
        finally
        {
            _loading.Remove(path);
        }
    }

    private IReadOnlyDictionary<string, Value> EvalModule(InputFile file)
    {
        string source = SourceText.Of(file);
        DocumentSet? yaml = null;
        if (file.Kind == FileKind.YamlTemplate)
        {
            using (RenderTimings.Measure(_options.Timings, "yaml parse"))
            {
                yaml = YamlParsing.Parse(file.RelativePath, source, _options.Strict);
            }

            if (!TemplateDetection.HasTemplating(yaml)) return new Dictionary<string, Value>(); // plain YAML defines nothing
        }

        CompiledTemplate t;
        using (RenderTimings.Measure(_options.Timings, "template compile"))
        {
            t = file.Kind switch
            {
                FileKind.Starlark => CompiledTemplate.ForStarlark(file.RelativePath, source, _options),
                FileKind.TextTemplate => CompileText(file.RelativePath, source, _options),
                FileKind.YamlTemplate => YamlTemplateCompiler.Compile(file.RelativePath, source, yaml!, _options),
                _ => throw new EvalException($"file kind {file.Kind} is not loadable"),
            };
        }

        Register(t);
        // Failures keep their Starlark traceback; the registered code lets the outer layout show this file's lines.
        return t.Eval(NewThread(file.RelativePath));
    }

    /// <summary>Compiles a text template.</summary>
    public static CompiledTemplate CompileText(string name, string source, TemplateOptions options)
    {
        var ins = new InstructionSet();
        var nodes = new NodeTable();
        var code = TextTemplateCompiler.Compile(TextTemplateParser.Parse(source), name, ins, nodes);
        return new CompiledTemplate(name, code, ins, nodes, options);
    }

    /// <summary>Compiles a YAML template.</summary>
    public static CompiledTemplate CompileYaml(string name, string source, TemplateOptions options)
    {
        var docSet = YamlParsing.Parse(name, source, options.Strict);
        return YamlTemplateCompiler.Compile(name, source, docSet, options);
    }

    // `@name:path` is `path` inside `_ytt_lib/name` of the loading file's directory or the nearest ancestor that has it.
    private string ResolveLibraryPath(string from, string module)
    {
        int colon = module.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2) throw new EvalException("expected library module in format '@name:path'");
        string name = module[1..colon], rest = module[(colon + 1)..];
        string dir = Path.GetDirectoryName(from)?.Replace('\\', '/') ?? "";
        while (true)
        {
            string candidate = Resolve((dir.Length == 0 ? "" : dir + "/") + "_ytt_lib/" + name + "/x", rest);
            if (_files.ContainsKey(candidate)) return candidate;
            if (dir.Length == 0) break;
            int slash = dir.LastIndexOf('/');
            dir = slash < 0 ? "" : dir[..slash];
        }
        throw new EvalException($"Expected to find library '{name}', but did not find '{from[..Math.Max(0, from.LastIndexOf('/'))]}'");
    }

    // As ytt: the path is walked folder by folder from `dir` ("." and ".." are not folders); the messages are ytt's.
    private string ResolveFile(string dir, string path)
    {
        var segments = path.Split('/');
        for (int i = 0; i < segments.Length - 1; i++)
        {
            string next = (dir.Length == 0 ? "" : dir + "/") + segments[i];
            if (segments[i] is "." or ".." || !_folders.Contains(next))
            {
                string walked = string.Join('/', segments[..i]);
                throw new EvalException($"Expected to find file '{path}', but did not: Did not find '{walked}'");
            }
            dir = next;
        }
        string file = (dir.Length == 0 ? "" : dir + "/") + segments[^1];
        if (!_files.ContainsKey(file))
        {
            throw new EvalException($"Expected to find file '{path}' (hint: only files included via -f flag are available)");
        }
        return file;
    }

    private static string Resolve(string from, string module)
    {
        string dir = Path.GetDirectoryName(from)?.Replace('\\', '/') ?? "";
        var parts = new List<string>(dir.Length == 0 ? [] : dir.Split('/'));
        foreach (var seg in module.Split('/'))
        {
            if (seg is "" or ".") continue;
            if (seg == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(seg);
        }
        return string.Join("/", parts);
    }
}
