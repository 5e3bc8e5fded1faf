namespace Hull.Templating.Values;

/// <summary>An ordered map in the plain value model (null, bool, long, BigInteger, double, string, List&lt;object?&gt;, PlainMap) that encoders work on.</summary>
public sealed class PlainMap : List<KeyValuePair<object?, object?>>
{
    /// <summary>Adds or replaces an entry, keeping first-insertion order.</summary>
    public void Set(object? key, object? value)
    {
        for (int i = 0; i < Count; i++)
        {
            if (Equals(this[i].Key, key))
            {
                this[i] = new(key, value);
                return;
            }
        }
        Add(new(key, value));
    }
}
