using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Hull.Bundles.Locks;

/// <summary>
/// TEMPORARY: a minimal YAML tree for imgpkg's small lock files, built from YamlDotNet parser events, until
/// Hull.Yaml's node model lands. Strict like sigs.k8s.io/yaml: unknown keys and wrong shapes are errors.
/// </summary>
internal sealed class LockNode
{
    private readonly List<KeyValuePair<string, LockNode>>? _map;
    private readonly List<LockNode>? _sequence;
    private readonly string? _scalar;
    private readonly bool _plain;

    private LockNode(List<KeyValuePair<string, LockNode>>? map, List<LockNode>? sequence, string? scalar, bool plain)
    {
        _map = map;
        _sequence = sequence;
        _scalar = scalar;
        _plain = plain;
    }

    private bool IsNull => _map is null && _sequence is null && _plain && _scalar is "" or "~" or "null" or "Null" or "NULL";

    public static LockNode Parse(string text, string what)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                if (parser.Accept<DocumentEnd>(out _))
                {
                    parser.Consume<DocumentEnd>();
                    continue;
                }
                return Read(parser);
            }
            return new LockNode([], null, null, false);
        }
        catch (YamlException ex)
        {
            throw new BundleException($"yaml: line {ex.Start.Line}: {ex.Message}", ex);
        }
    }

    private static LockNode Read(IParser parser)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return new LockNode(null, null, scalar.Value, scalar.Style == ScalarStyle.Plain);
        }
        if (parser.TryConsume<SequenceStart>(out _))
        {
            var list = new List<LockNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                list.Add(Read(parser));
            }
            return new LockNode(null, list, null, false);
        }
        if (parser.TryConsume<MappingStart>(out _))
        {
            var map = new List<KeyValuePair<string, LockNode>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = Read(parser);
                if (key._scalar is null)
                {
                    throw new BundleException("map keys must be strings");
                }
                var value = Read(parser);
                if (map.Any(e => e.Key == key._scalar))
                {
                    throw new BundleException($"key \"{key._scalar}\" already set in map");
                }
                map.Add(new(key._scalar, value));
            }
            return new LockNode(map, null, null, false);
        }
        if (parser.Accept<AnchorAlias>(out _))
        {
            throw new BundleException("aliases are not supported in lock files");
        }
        throw new BundleException("unexpected YAML event");
    }

    public LockNode AsMap(string what)
    {
        if (_map is null && !IsNull)
        {
            throw new BundleException($"expected a map for {what}");
        }
        return _map is null ? new LockNode([], null, null, false) : this;
    }

    public void Only(params string[] keys)
    {
        foreach (var (key, _) in _map!)
        {
            if (!keys.Contains(key))
            {
                throw new BundleException($"error unmarshaling JSON: while decoding JSON: json: unknown field \"{key}\"");
            }
        }
    }

    private LockNode? Get(string key) => _map!.FirstOrDefault(e => e.Key == key).Value is { } v && !v.IsNull ? v : null;

    public string? String(string key)
    {
        var node = Get(key);
        if (node is null)
        {
            return null;
        }
        return node._scalar ?? throw new BundleException($"expected a string for \"{key}\"");
    }

    public bool Bool(string key) => String(key) is "true" or "True" or "TRUE";

    public LockNode? Map(string key) => Get(key)?.AsMap(key);

    public IReadOnlyList<LockNode> Sequence(string key)
    {
        var node = Get(key);
        if (node is null)
        {
            return [];
        }
        return node._sequence ?? throw new BundleException($"expected a list for \"{key}\"");
    }

    public IReadOnlyDictionary<string, string>? StringMap(string key)
    {
        var node = Get(key);
        if (node is null)
        {
            return null;
        }
        var map = node.AsMap(key);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map._map!)
        {
            result[k] = v._scalar ?? throw new BundleException($"expected a string for \"{key}.{k}\"");
        }
        return result;
    }
}
