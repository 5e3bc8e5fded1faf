using Hull.Yaml;

namespace Hull.Templating.Overlays;

/// <summary>
/// Positions of a large left map's keys, so merging a right map with many items into it costs one lookup per right
/// item instead of a scan. Maps with a repeated or null key, and maps that lost items, fall back to scanning.
/// </summary>
public sealed class MapKeyIndex
{
    /// <summary>Smallest left map worth indexing.</summary>
    public const int MinItems = 32;

    private readonly Map _map;
    private Dictionary<object, int>? _positions;
    private bool _usable = true;

    /// <summary>Creates an index of <paramref name="map"/>, built on first use.</summary>
    public MapKeyIndex(Map map) => _map = map;

    /// <summary>Adds the positions of items whose key equals <paramref name="key"/> to <paramref name="into"/>; false when the caller must scan instead.</summary>
    public bool TryFind(object? key, List<int> into)
    {
        if (!_usable || key is null) return false;
        if (_positions is null && !Build()) return false;
        if (_positions!.TryGetValue(key, out int i)) into.Add(i);
        return true;
    }

    /// <summary>Records an item appended to the map.</summary>
    public void Appended(MapItem item)
    {
        if (_positions is null || !_usable) return;
        if (item.Key is null || !_positions.TryAdd(item.Key, _map.Items.Count - 1)) _usable = false;
    }

    /// <summary>Items were removed: positions shifted, so the index is rebuilt on next use.</summary>
    public void Invalidate() => _positions = null;

    private bool Build()
    {
        var items = _map.Items;
        var positions = new Dictionary<object, int>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            var key = items[i].Key;
            if (key is null || !positions.TryAdd(key, i))
            {
                _usable = false;
                return false;
            }
        }
        _positions = positions;
        return true;
    }
}
