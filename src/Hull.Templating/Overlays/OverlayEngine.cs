using Hull.Starlark;
using Hull.Starlark.Values;
using Hull.Templating.Evaluation;
using Hull.Templating.Values;
using Hull.Templating.Yaml;
using Hull.Yaml;

namespace Hull.Templating.Overlays;

/// <summary>
/// Applies a right-hand overlay (document set, map or array carrying `#@overlay/*` annotations) onto left-hand YAML in
/// place, as ytt's overlay step does. Right nodes are never changed: whatever goes into the left is copied. Failures are
/// <see cref="OverlayException"/>s whose message walks the right-hand path ("Document on line f:3: Map item (key 'a') on line f:4: …").
/// </summary>
/// <remarks>
/// Built-in matchers run on nodes directly and the scratch lists are pooled, so applying an overlay to thousands of
/// documents allocates only for what it adds; a subset matcher rejects a document after looking up its own top-level keys.
/// </remarks>
public sealed class OverlayEngine(StarlarkThread thread)
{
    private readonly Stack<List<int>> _intPool = new();
    private readonly Stack<List<Node>> _nodePool = new();
    private int _depth; // of the maps and arrays being merged, bounded as every walk over values is

    /// <summary>Applies <paramref name="right"/> onto <paramref name="left"/> (overlay.apply): returns the resulting left value.</summary>
    public object? Apply(object? left, object? right)
    {
        if (right is DocumentSet rds)
        {
            if (left is not DocumentSet lds) throw new OverlayException($"Expected docset, but was {YamlComparison.GoType(left)}");
            ApplyDocumentSets([lds], rds);
            return lds;
        }
        if (left is DocumentSet) throw new OverlayException($"Expected {(right is YamlArray ? "array" : "map")}, but was {YamlComparison.GoType(left)}");
        return Merge(left, right, MatchDefaults.None, out _);
    }

    /// <summary>Applies each document of <paramref name="right"/>, in order, to the documents of <paramref name="lefts"/>; new documents go to the last set.</summary>
    public void ApplyDocumentSets(IReadOnlyList<DocumentSet> lefts, DocumentSet right)
    {
        foreach (var doc in right.Items)
        {
            try
            {
                ApplyDocument(lefts, doc);
            }
            catch (OverlayException e)
            {
                throw e.Within($"Document on line {doc.Position.AsCompactString()}: ");
            }
            catch (HostError e)
            {
                // A document nested too deeply to merge: named once, by its document, not by each of its levels.
                throw new OverlayException(e.Message).Within($"Document on line {doc.Position.AsCompactString()}: ");
            }
        }
    }

    /// <summary>
    /// Applies one document's value onto <paramref name="left"/> as if the document had matched it (ytt's data values
    /// documents, which imply `by=overlay.all`): its operation and `overlay/match-child-defaults` apply; returns the result.
    /// </summary>
    public object? ApplyDocumentValue(object? left, Document right)
    {
        try
        {
            var anns = YamlModel.Annotations(right);
            var op = OverlaySpecReader.Op(anns, OverlayOp.Merge);
            var childDefaults = OverlaySpecReader.ChildDefaults(anns, MatchDefaults.None);
            switch (op)
            {
                case OverlayOp.Remove:
                    return null;
                case OverlayOp.Replace:
                    {
                        var (via, _) = OverlaySpecReader.Replace(anns);
                        return via is not null ? CallVia(via, left, right.Value) : DetachedValue(right.Value);
                    }
                case OverlayOp.Assert:
                    Assert(left, right.Value, OverlaySpecReader.AssertVia(anns), childDefaults);
                    return left;
                case OverlayOp.Insert or OverlayOp.Append:
                    throw new OverlayException($"Expected document to be merged, replaced, removed or asserted, but it is annotated @{(op == OverlayOp.Insert ? OverlayAnnotationNames.Insert : OverlayAnnotationNames.Append)}");
                default:
                    return Merge(left, right.Value, childDefaults, out _);
            }
        }
        catch (OverlayException e)
        {
            throw e.Within($"Document on line {right.Position.AsCompactString()}: ");
        }
        catch (HostError e)
        {
            throw new OverlayException(e.Message).Within($"Document on line {right.Position.AsCompactString()}: ");
        }
    }

    /// <summary>Merges a right value onto a left value; <paramref name="inPlace"/> tells whether the left node was kept (else the result replaces it).</summary>
    private object? Merge(object? left, object? right, MatchDefaults defaults, out bool inPlace)
    {
        switch (right)
        {
            case Map rm:
                if (left is Map lm)
                {
                    WalkDepth.Check(++_depth, "overlay");
                    try
                    {
                        ApplyMap(lm, rm, defaults);
                    }
                    finally
                    {
                        _depth--;
                    }
                    inPlace = true;
                    return lm;
                }
                if (left is not null) throw new OverlayException($"Expected map, but was {Schema.SchemaChecker.FoundName(left)}");
                break;
            case YamlArray ra:
                if (left is YamlArray la)
                {
                    WalkDepth.Check(++_depth, "overlay");
                    try
                    {
                        ApplyArray(la, ra, defaults);
                    }
                    finally
                    {
                        _depth--;
                    }
                    inPlace = true;
                    return la;
                }
                if (left is not null) throw new OverlayException($"Expected array, but was {Schema.SchemaChecker.FoundName(left)}");
                break;
        }
        inPlace = false;
        return DetachedValue(right);
    }

    private void ApplyMap(Map left, Map right, MatchDefaults defaults)
    {
        var index = left.Items.Count >= MapKeyIndex.MinItems && right.Items.Count > 1 ? new MapKeyIndex(left) : null;
        foreach (var item in right.Items)
        {
            try
            {
                ApplyMapItem(left, item, defaults, index);
            }
            catch (OverlayException e)
            {
                throw e.Within($"Map item (key '{YamlModel.FormatKey(item.Key)}') on line {item.Position.AsCompactString()}: ");
            }
        }
    }

    private void ApplyMapItem(Map left, MapItem right, MatchDefaults defaults, MapKeyIndex? index)
    {
        var anns = YamlModel.Annotations(right);
        var op = OverlaySpecReader.Op(anns, OverlayOp.Merge);
        if (op is OverlayOp.Insert or OverlayOp.Append)
        {
            string name = op == OverlayOp.Insert ? OverlayAnnotationNames.Insert : OverlayAnnotationNames.Append;
            throw new OverlayException($"Found @{name} on map item ({right.Position.AsCompactString()}); only array items can be annotated with @{name}");
        }
        var spec = OverlaySpecReader.Match(anns, defaults);
        var childDefaults = OverlaySpecReader.ChildDefaults(anns, defaults);
        (Value? via, bool orAdd) = op == OverlayOp.Replace ? OverlaySpecReader.Replace(anns) : (null, false);
        Value? assertVia = op == OverlayOp.Assert ? OverlaySpecReader.AssertVia(anns) : null;

        var idx = RentInts();
        var nodes = RentNodes();
        try
        {
            var items = left.Items;
            if (spec.By is null && index is not null && index.TryFind(right.Key, idx))
            {
                foreach (int i in idx) nodes.Add(items[i]);
            }
            else
            {
                for (int i = 0; i < items.Count; i++)
                {
                    var li = items[i];
                    bool hit = spec.By is null
                        ? Map.KeyEquals(li.Key, right.Key)
                        : MatcherInvocation.Matches(thread, spec.By, li.Key, li.Value, right.Value);
                    if (hit)
                    {
                        idx.Add(i);
                        nodes.Add(li);
                    }
                }
            }
            if (!Expected(spec, nodes)) return;

            switch (op)
            {
                case OverlayOp.Merge:
                    if (idx.Count == 0)
                    {
                        var added = Detached(right);
                        items.Add(added);
                        index?.Appended(added);
                        return;
                    }
                    foreach (int i in idx) MergeInto(items[i], right, childDefaults);
                    return;
                case OverlayOp.Remove:
                    for (int k = idx.Count - 1; k >= 0; k--) items.RemoveAt(idx[k]);
                    if (idx.Count > 0) index?.Invalidate();
                    return;
                case OverlayOp.Replace:
                    if (idx.Count == 0 && orAdd)
                    {
                        var added = Detached(right);
                        if (via is not null) added.Value = CallVia(via, null, right.Value);
                        items.Add(added);
                        index?.Appended(added);
                        return;
                    }
                    foreach (int i in idx) ReplaceIn(items[i], items[i].Value, right, right.Value, via);
                    return;
                case OverlayOp.Assert:
                    foreach (int i in idx) Assert(items[i].Value, right.Value, assertVia, childDefaults);
                    return;
            }
        }
        finally
        {
            Return(idx);
            Return(nodes);
        }
    }

    private void ApplyArray(YamlArray left, YamlArray right, MatchDefaults defaults)
    {
        foreach (var item in right.Items)
        {
            try
            {
                ApplyArrayItem(left, item, defaults);
            }
            catch (OverlayException e)
            {
                throw e.Within($"Array item on line {item.Position.AsCompactString()}: ");
            }
        }
    }

    private void ApplyArrayItem(YamlArray left, ArrayItem right, MatchDefaults defaults)
    {
        var anns = YamlModel.Annotations(right);
        // Without a matcher an array item has nothing to merge with: it is appended.
        bool hasMatch = anns is not null && anns.ContainsKey(OverlayAnnotationNames.Match);
        var op = OverlaySpecReader.Op(anns, hasMatch ? OverlayOp.Merge : OverlayOp.Append);
        var items = left.Items;
        if (op == OverlayOp.Append)
        {
            items.Add(Detached(right));
            return;
        }
        var spec = OverlaySpecReader.Match(anns, defaults);
        var childDefaults = OverlaySpecReader.ChildDefaults(anns, defaults);
        (Value? via, bool orAdd) = op == OverlayOp.Replace ? OverlaySpecReader.Replace(anns) : (null, false);
        (bool before, _, Value? insertVia) = op == OverlayOp.Insert ? OverlaySpecReader.Insert(anns) : (false, false, null);
        Value? assertVia = op == OverlayOp.Assert ? OverlaySpecReader.AssertVia(anns) : null;

        var idx = RentInts();
        var nodes = RentNodes();
        try
        {
            if (spec.By is not null)
            {
                for (int i = 0; i < items.Count; i++)
                {
                    var li = items[i];
                    if (MatcherInvocation.Matches(thread, spec.By, (long)i, li.Value, right.Value))
                    {
                        idx.Add(i);
                        nodes.Add(li);
                    }
                }
            }
            if (!Expected(spec, nodes)) return;

            switch (op)
            {
                case OverlayOp.Merge:
                    if (idx.Count == 0)
                    {
                        items.Add(Detached(right));
                        return;
                    }
                    foreach (int i in idx) MergeInto(items[i], right, childDefaults);
                    return;
                case OverlayOp.Remove:
                    for (int k = idx.Count - 1; k >= 0; k--) items.RemoveAt(idx[k]);
                    return;
                case OverlayOp.Replace:
                    if (idx.Count == 0 && orAdd)
                    {
                        var added = Detached(right);
                        if (via is not null) added.Value = CallVia(via, null, right.Value);
                        items.Add(added);
                        return;
                    }
                    foreach (int i in idx) ReplaceIn(items[i], items[i].Value, right, right.Value, via);
                    return;
                case OverlayOp.Insert:
                    // Back to front so the indexes of earlier matches stay valid.
                    for (int k = idx.Count - 1; k >= 0; k--)
                    {
                        int i = idx[k];
                        var added = Detached(right);
                        if (insertVia is not null) added.Value = CallVia(insertVia, items[i].Value, right.Value);
                        items.Insert(before ? i : i + 1, added);
                    }
                    return;
                case OverlayOp.Assert:
                    foreach (int i in idx) Assert(items[i].Value, right.Value, assertVia, childDefaults);
                    return;
            }
        }
        finally
        {
            Return(idx);
            Return(nodes);
        }
    }

    private void ApplyDocument(IReadOnlyList<DocumentSet> lefts, Document right)
    {
        var anns = YamlModel.Annotations(right);
        var op = OverlaySpecReader.Op(anns, OverlayOp.Merge);
        if (op == OverlayOp.Append)
        {
            AddDocument(lefts, Detached(right));
            return;
        }
        var spec = OverlaySpecReader.Match(anns, MatchDefaults.None);
        var childDefaults = OverlaySpecReader.ChildDefaults(anns, MatchDefaults.None);
        (Value? via, bool orAdd) = op == OverlayOp.Replace ? OverlaySpecReader.Replace(anns) : (null, false);
        (bool before, _, Value? insertVia) = op == OverlayOp.Insert ? OverlaySpecReader.Insert(anns) : (false, false, null);
        Value? assertVia = op == OverlayOp.Assert ? OverlaySpecReader.AssertVia(anns) : null;

        // Matches are (set, index) pairs flattened into one list; the matcher sees the index across all sets.
        var idx = RentInts();
        var nodes = RentNodes();
        try
        {
            if (spec.By is not null)
            {
                long global = 0;
                for (int s = 0; s < lefts.Count; s++)
                {
                    var docs = lefts[s].Items;
                    for (int d = 0; d < docs.Count; d++)
                    {
                        var doc = docs[d];
                        if (IsPlaceholder(doc, d)) continue;
                        if (MatcherInvocation.Matches(thread, spec.By, global, doc.Value, right.Value))
                        {
                            idx.Add(s);
                            idx.Add(d);
                            nodes.Add(doc);
                        }
                        global++;
                    }
                }
            }
            if (!Expected(spec, nodes)) return;

            switch (op)
            {
                case OverlayOp.Merge:
                    if (nodes.Count == 0)
                    {
                        AddDocument(lefts, Detached(right));
                        return;
                    }
                    foreach (var n in nodes)
                    {
                        var doc = (Document)n;
                        doc.Value = Merge(doc.Value, right.Value, childDefaults, out _);
                    }
                    return;
                case OverlayOp.Remove:
                    for (int k = idx.Count - 2; k >= 0; k -= 2) lefts[idx[k]].Items.RemoveAt(idx[k + 1]);
                    return;
                case OverlayOp.Replace:
                    if (nodes.Count == 0 && orAdd)
                    {
                        var added = Detached(right);
                        if (via is not null) added.Value = CallVia(via, null, right.Value);
                        AddDocument(lefts, added);
                        return;
                    }
                    foreach (var n in nodes)
                    {
                        var doc = (Document)n;
                        doc.Value = via is not null ? CallVia(via, doc.Value, right.Value) : DetachedValue(right.Value);
                    }
                    return;
                case OverlayOp.Insert:
                    for (int k = idx.Count - 2; k >= 0; k -= 2)
                    {
                        var docs = lefts[idx[k]].Items;
                        int d = idx[k + 1];
                        var added = Detached(right);
                        if (insertVia is not null) added.Value = CallVia(insertVia, docs[d].Value, right.Value);
                        docs.Insert(before ? d : d + 1, added);
                    }
                    return;
                case OverlayOp.Assert:
                    foreach (var n in nodes) Assert(((Document)n).Value, right.Value, assertVia, childDefaults);
                    return;
            }
        }
        finally
        {
            Return(idx);
            Return(nodes);
        }
    }

    // ytt starts an implicit first document when a file does not open with `---` and drops it when it stays empty
    // (it only held leading comments and code); Hull's parser keeps it as an empty document on line 1, and trailing
    // comments get an empty document with no line. Neither is a document overlays can match.
    private static bool IsPlaceholder(Document doc, int index) =>
        doc.Injected || (doc.Value is null && (doc.Position.Line == 0 || (index == 0 && doc.Position.Line == 1)));

    private static void AddDocument(IReadOnlyList<DocumentSet> lefts, Document doc)
    {
        if (lefts.Count > 0) lefts[^1].Items.Add(doc);
    }

    private bool Expected(in MatchSpec spec, List<Node> matches)
    {
        if (MatchExpectation.Check(thread, spec, matches, out bool skip) is { } error) throw new OverlayException(error);
        return !skip;
    }

    // A merged collection keeps the left node; a value that replaces it brings the right node's position.
    private void MergeInto(Node leftItem, Node rightItem, MatchDefaults defaults)
    {
        var merged = Merge(YamlModel.ValueOf(leftItem), YamlModel.ValueOf(rightItem), defaults, out bool inPlace);
        if (inPlace) return;
        YamlModel.SetValue(leftItem, merged);
        leftItem.Position = rightItem.Position;
    }

    private void ReplaceIn(Node leftItem, object? leftValue, Node rightItem, object? rightValue, Value? via)
    {
        YamlModel.SetValue(leftItem, via is not null ? CallVia(via, leftValue, rightValue) : DetachedValue(rightValue));
        leftItem.Position = rightItem.Position;
    }

    private object? CallVia(Value via, object? left, object? right)
    {
        try
        {
            var result = thread.Call(via, NodeConversion.ToStarlark(left), NodeConversion.ToStarlark(right));
            return NodeConversion.ToYaml(result);
        }
        catch (EvalException e)
        {
            throw new OverlayException(e.Msg);
        }
        catch (HostError e)
        {
            throw new OverlayException(e.Message);
        }
    }

    private void Assert(object? left, object? right, Value? via, MatchDefaults defaults)
    {
        if (via is null)
        {
            // Without via: overlaying the right side onto a copy of the left must leave it unchanged.
            var result = Merge(Node.CopyValue(left), right, defaults, out _);
            if (YamlComparison.Difference(left, result) is { } why) throw new OverlayException("Expected objects to equal, but did not: " + why);
            return;
        }
        Value outcome;
        try
        {
            outcome = thread.Call(via, NodeConversion.ToStarlark(left), NodeConversion.ToStarlark(right));
        }
        catch (EvalException e)
        {
            throw new OverlayException(e.Msg);
        }
        switch (outcome)
        {
            case NoneValue:
                return;
            case BoolValue b:
                if (!b.Value) throw new OverlayException("Expected via invocation to return true, but was false");
                return;
            case TupleValue { Items: [BoolValue ok, StringValue msg] }:
                if (!ok.Value) throw new OverlayException("Expected via invocation to return true, but was false with message: " + msg.Value);
                return;
            default:
                throw new OverlayException("Expected via invocation to return NoneType, Bool or Tuple(Bool,String), but returned neither of those");
        }
    }

    // Copies of right-hand nodes lose their annotations: once in the result they are plain YAML (an added document
    // must not be taken for an overlay again).
    /// <summary>Nodes added from the right keep their annotations (data values: rules and schema annotations of new
    /// values stay with them); rendered output drops them.</summary>
    public bool KeepAnnotations { get; init; }

    private T Detached<T>(T node) where T : Node
    {
        var copy = (T)node.DeepCopy();
        if (!KeepAnnotations) ClearAnnotations(copy, 1);
        return copy;
    }

    private object? DetachedValue(object? value) => value is Node n ? Detached(n) : value;

    // depth counts maps and arrays, as every bounded walk over values does.
    private static void ClearAnnotations(Node node, int depth)
    {
        node.Annotations = null;
        switch (node)
        {
            case Map m:
                WalkDepth.Check(depth, "overlay");
                foreach (var i in m.Items) ClearAnnotations(i, depth + 1);
                break;
            case YamlArray a:
                WalkDepth.Check(depth, "overlay");
                foreach (var i in a.Items) ClearAnnotations(i, depth + 1);
                break;
            case DocumentSet ds:
                foreach (var d in ds.Items) ClearAnnotations(d, depth);
                break;
        }
        if (YamlModel.HoldsValue(node) && YamlModel.ValueOf(node) is Node child) ClearAnnotations(child, depth);
    }

    private List<int> RentInts() => _intPool.Count > 0 ? _intPool.Pop() : new List<int>(4);

    private List<Node> RentNodes() => _nodePool.Count > 0 ? _nodePool.Pop() : new List<Node>(4);

    private void Return(List<int> list)
    {
        list.Clear();
        _intPool.Push(list);
    }

    private void Return(List<Node> list)
    {
        list.Clear();
        _nodePool.Push(list);
    }
}
