namespace Hull.Templating.Yaml.Interim;

/// <summary>Copying interim nodes.</summary>
internal static class InterimOps
{
    public static object? DeepCopy(object? v)
    {
        switch (v)
        {
            case IDocSet ds:
                {
                    var c = new IDocSet { Line = ds.Line, Annotations = ds.Annotations };
                    foreach (var i in ds.Items) c.Items.Add(DeepCopy(i)!);
                    return c;
                }
            case IMap m:
                {
                    var c = new IMap { Line = m.Line, Annotations = m.Annotations };
                    foreach (var i in m.Items) c.Items.Add(DeepCopy(i)!);
                    return c;
                }
            case IArray a:
                {
                    var c = new IArray { Line = a.Line, Annotations = a.Annotations };
                    foreach (var i in a.Items) c.Items.Add(DeepCopy(i)!);
                    return c;
                }
            case IDoc d: return new IDoc { Line = d.Line, Annotations = d.Annotations, Value = DeepCopy(d.Value) };
            case IMapItem mi: return new IMapItem { Line = mi.Line, Annotations = mi.Annotations, Key = mi.Key, Value = DeepCopy(mi.Value) };
            case IArrayItem ai: return new IArrayItem { Line = ai.Line, Annotations = ai.Annotations, Value = DeepCopy(ai.Value) };
            default: return v;
        }
    }

    public static object EmptyLike(object v) => v switch
    {
        IDocSet ds => new IDocSet { Line = ds.Line },
        IMap m => new IMap { Line = m.Line },
        IArray a => new IArray { Line = a.Line },
        IDoc d => new IDoc { Line = d.Line },
        IMapItem mi => new IMapItem { Line = mi.Line, Key = mi.Key },
        IArrayItem ai => new IArrayItem { Line = ai.Line },
        _ => throw new ArgumentException("not a node", nameof(v)),
    };
}
