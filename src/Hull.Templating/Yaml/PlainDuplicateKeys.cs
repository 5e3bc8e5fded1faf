using Hull.Yaml;

namespace Hull.Templating.Yaml;

/// <summary>
/// ytt reads a plain YAML file (one with no `#@`) as data: a key given twice in a map keeps its first place and takes
/// its last value, where a template would refuse the repeat.
/// </summary>
public static class PlainDuplicateKeys
{
    /// <summary>Folds repeated keys of every map in <paramref name="set"/>, in place.</summary>
    public static void Fold(DocumentSet set)
    {
        // An explicit stack: nesting is bounded by the parser, but the walk must not depend on the thread's stack.
        var pending = new Stack<object?>();
        foreach (var d in set.Items) pending.Push(d.Value);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case Map m:
                    FoldMap(m);
                    foreach (var i in m.Items) pending.Push(i.Value);
                    break;
                case YamlArray a:
                    foreach (var i in a.Items) pending.Push(i.Value);
                    break;
            }
        }
    }

    private static void FoldMap(Map map)
    {
        if (map.Items.Count < 2) return;
        Dictionary<object, int>? firstIndex = null;
        int nullKeyIndex = -1;
        int kept = 0;
        var items = map.Items;
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            int earlier;
            if (item.Key is null)
            {
                earlier = nullKeyIndex;
                if (earlier < 0) nullKeyIndex = kept;
            }
            else
            {
                firstIndex ??= new Dictionary<object, int>();
                if (!firstIndex.TryGetValue(item.Key, out earlier))
                {
                    earlier = -1;
                    firstIndex[item.Key] = kept;
                }
            }

            if (earlier >= 0)
            {
                items[earlier].Value = item.Value;
                continue;
            }

            items[kept++] = item;
        }

        items.RemoveRange(kept, items.Count - kept);
    }
}
