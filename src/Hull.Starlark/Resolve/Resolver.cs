using Hull.Starlark.Syntax;

namespace Hull.Starlark.Resolve;

/// <summary>Reports every resolve error of a file at once.</summary>
public sealed class ResolveErrors(IReadOnlyList<SyntaxError> errors) : StarlarkException(string.Join("\n", errors.Select(e => e.Message)))
{
    /// <summary>The individual errors in source order.</summary>
    public IReadOnlyList<SyntaxError> Errors { get; } = errors;
}

/// <summary>Binds every identifier of a file to a slot (local, cell, free, global, predeclared, universal).</summary>
public sealed class Resolver
{
    private sealed class Block(Block? parent, FunctionScope fn, bool isModule)
    {
        public Block? Parent { get; } = parent;
        public FunctionScope Fn { get; } = fn;
        public bool IsModule { get; } = isModule;
        public Dictionary<string, Binding> Bindings { get; } = [];
    }

    private readonly Func<string, bool> _isPredeclared;
    private readonly Func<string, bool> _isUniversal;
    private readonly DialectOptions _opts;
    private readonly List<SyntaxError> _errors = [];
    private readonly Dictionary<string, Binding> _globals = [];
    private readonly List<string> _globalNames;
    private readonly Dictionary<string, Binding> _predeclared = [];
    private readonly List<(Ident Id, Block Block)> _uses = [];
    private Block _block;
    private int _loops;

    private Resolver(FileSyntax file, Func<string, bool> isPredeclared, Func<string, bool> isUniversal, DialectOptions opts)
    {
        _isPredeclared = isPredeclared;
        _isUniversal = isUniversal;
        _opts = opts;
        _globalNames = file.Globals;
        file.Scope = new FunctionScope();
        _block = new Block(null, file.Scope, true);
    }

    /// <summary>Resolves <paramref name="file"/> in place; throws <see cref="ResolveErrors"/> on failure.</summary>
    public static void ResolveFile(FileSyntax file, Func<string, bool> isPredeclared, Func<string, bool> isUniversal, DialectOptions? options = null)
    {
        var r = new Resolver(file, isPredeclared, isUniversal, options ?? DialectOptions.Ytt);
        r.Stmts(file.Stmts);
        r.ResolveUses();
        if (r._errors.Count > 0)
        {
            r._errors.Sort((a, b) => a.Pos.Line != b.Pos.Line ? a.Pos.Line.CompareTo(b.Pos.Line) : a.Pos.Col.CompareTo(b.Pos.Col));
            throw new ResolveErrors(r._errors);
        }
    }

    /// <summary>Resolves a standalone expression evaluated in a module whose globals are <paramref name="globals"/>.</summary>
    public static FunctionScope ResolveExpr(Expr expr, IReadOnlyList<string> globals, Func<string, bool> isPredeclared, Func<string, bool> isUniversal)
    {
        var file = new FileSyntax("<expr>", [], "");
        var r = new Resolver(file, isPredeclared, isUniversal, DialectOptions.Ytt);
        foreach (var g in globals) r.BindGlobal(new Ident(default, g));
        r.Expr(expr);
        r.ResolveUses();
        if (r._errors.Count > 0) throw new ResolveErrors(r._errors);
        return file.Scope!;
    }

    private void Error(Position pos, string msg) => _errors.Add(new SyntaxError(pos, msg));

    private void Stmts(List<Stmt> stmts)
    {
        foreach (var s in stmts) Stmt(s);
    }

    private bool AtTopLevel => _block.IsModule;

    private void Stmt(Stmt s)
    {
        switch (s)
        {
            case ExprStmt es:
                Expr(es.X);
                break;
            case AssignStmt a:
                if (a.Op == TokenKind.Eq)
                {
                    Expr(a.Rhs);
                    Assign(a.Lhs, false);
                }
                else
                {
                    // Augmented: the target is both used and (for a name) bound.
                    Expr(a.Rhs);
                    Assign(a.Lhs, true);
                }
                break;
            case BranchStmt b:
                if (b.Kind != TokenKind.Pass && _loops == 0) Error(b.Pos, $"{TokenKinds.Text(b.Kind)} not in a loop");
                break;
            case IfStmt i:
                if (AtTopLevel && !_opts.AllowGlobalReassign) Error(i.Pos, "if statement not within a function");
                Expr(i.Cond);
                Stmts(i.Then);
                Stmts(i.Else);
                break;
            case ForStmt f:
                if (AtTopLevel && !_opts.AllowGlobalReassign) Error(f.Pos, "for loop not within a function");
                Expr(f.X);
                Assign(f.Vars, false);
                _loops++;
                Stmts(f.Body);
                _loops--;
                break;
            case WhileStmt w:
                if (!_opts.AllowRecursion) Error(w.Pos, "dialect does not support while loops");
                if (AtTopLevel && !_opts.AllowGlobalReassign) Error(w.Pos, "while loop not within a function");
                Expr(w.Cond);
                _loops++;
                Stmts(w.Body);
                _loops--;
                break;
            case DefStmt d:
                if (!AtTopLevel && !_opts.AllowNestedDef) Error(d.Pos, "nested def statements not allowed");
                Bind(d.Name);
                d.Scope = Function(d.Params, d.Body, null);
                break;
            case ReturnStmt r:
                if (AtTopLevel) Error(r.Pos, "return statement not within a function");
                if (r.Result != null) Expr(r.Result);
                break;
            case LoadStmt l:
                if (!AtTopLevel)
                {
                    Error(l.Pos, "load statement within a function");
                    break;
                }
                for (int k = 0; k < l.To.Count; k++)
                {
                    string from = l.From[k];
                    if (from.Length == 0 || l.To[k].Name.Length == 0) Error(l.To[k].Pos, "load: empty identifier");
                    else if (from.StartsWith('_')) Error(l.To[k].Pos, "load: names with leading underscores are not exported: " + from);
                    else Bind(l.To[k]);
                }
                break;
            default:
                throw new InvalidOperationException("unexpected statement " + s.GetType().Name);
        }
    }

    private void Assign(Expr lhs, bool augmented)
    {
        switch (lhs)
        {
            case Ident id:
                if (augmented && AtTopLevel && !_opts.AllowGlobalReassign && _globals.TryGetValue(id.Name, out var gb))
                {
                    Error(id.Pos, $"cannot reassign global {id.Name} declared at {gb.First}");
                    Use(id);
                    break;
                }
                Bind(id);
                if (augmented) Use(id);
                break;
            case IndexExpr ix:
                Expr(ix.X);
                Expr(ix.Index);
                break;
            case DotExpr dot:
                Expr(dot.X);
                break;
            case ListExpr list:
                if (augmented) { Error(list.Pos, "can't use list expression in augmented assignment"); break; }
                if (list.Elems.Count == 0) { Error(list.Pos, "can't assign to []"); break; }
                foreach (var e in list.Elems) Assign(e, false);
                break;
            case TupleExpr tuple:
                if (augmented) { Error(tuple.Pos, "can't use tuple expression in augmented assignment"); break; }
                if (tuple.Elems.Count == 0) { Error(tuple.Pos, "can't assign to ()"); break; }
                foreach (var e in tuple.Elems) Assign(e, false);
                break;
            case ParenExpr p:
                Assign(p.X, augmented);
                break;
            default:
                Error(lhs.Pos, "can't assign to " + lhs.GetType().Name.ToLowerInvariant());
                break;
        }
    }

    private void BindGlobal(Ident id)
    {
        var b = new Binding(Scope.Global, _globalNames.Count, id.Name, id.Pos);
        _globals[id.Name] = b;
        _globalNames.Add(id.Name);
        id.Binding = b;
    }

    private void Bind(Ident id)
    {
        if (_block.IsModule)
        {
            if (_globals.TryGetValue(id.Name, out var g))
            {
                if (!_opts.AllowGlobalReassign) Error(id.Pos, $"cannot reassign global {id.Name} declared at {g.First}");
                id.Binding = g;
                return;
            }
            BindGlobal(id);
            return;
        }
        if (!_block.Bindings.TryGetValue(id.Name, out var b))
        {
            b = new Binding(Scope.Local, _block.Fn.Locals.Count, id.Name, id.Pos);
            _block.Fn.Locals.Add(b);
            _block.Bindings[id.Name] = b;
        }
        id.Binding = b;
    }

    private void Use(Ident id)
    {
        // With global reassignment (legacy Bazel semantics) a top-level use sees only the globals bound so far.
        if (_opts.AllowGlobalReassign && _block.IsModule)
        {
            ResolveUse(id, _block);
            return;
        }
        _uses.Add((id, _block));
    }

    private void Expr(Expr e)
    {
        switch (e)
        {
            case Ident id:
                Use(id);
                break;
            case Literal lit:
                if (lit.Kind == TokenKind.Float && !_opts.AllowFloat) Error(lit.Pos, "dialect does not support floating point");
                break;
            case ParenExpr p:
                Expr(p.X);
                break;
            case ListExpr l:
                foreach (var x in l.Elems) Expr(x);
                break;
            case TupleExpr t:
                foreach (var x in t.Elems) Expr(x);
                break;
            case DictExpr d:
                foreach (var x in d.Entries) { Expr(x.Key); Expr(x.Value); }
                break;
            case DictEntry de:
                Expr(de.Key);
                Expr(de.Value);
                break;
            case UnaryExpr u:
                Expr(u.X);
                break;
            case BinaryExpr b:
                if (b.Op == TokenKind.Slash && !_opts.AllowFloat) Error(b.Pos, "dialect does not support floating point (use //)");
                Expr(b.X);
                Expr(b.Y);
                break;
            case CondExpr c:
                Expr(c.Cond);
                Expr(c.Then);
                Expr(c.Else);
                break;
            case IndexExpr ix:
                Expr(ix.X);
                Expr(ix.Index);
                break;
            case SliceExpr s:
                Expr(s.X);
                if (s.Lo != null) Expr(s.Lo);
                if (s.Hi != null) Expr(s.Hi);
                if (s.Step != null) Expr(s.Step);
                break;
            case DotExpr dot:
                Expr(dot.X);
                break;
            case CallExpr call:
                Call(call);
                break;
            case LambdaExpr lam:
                if (!_opts.AllowLambda) Error(lam.Pos, "dialect does not support lambda");
                lam.Scope = Function(lam.Params, null, lam.Body);
                break;
            case Comprehension comp:
                Comprehension(comp);
                break;
            default:
                throw new InvalidOperationException("unexpected expression " + e.GetType().Name);
        }
    }

    private void Call(CallExpr call)
    {
        Expr(call.Fn);
        bool seenVarargs = false, seenKwargs = false, seenNamed = false;
        var names = new HashSet<string>();
        foreach (var a in call.Args)
        {
            switch (a.Kind)
            {
                case ArgKind.Positional:
                    if (seenKwargs) Error(a.Pos, "positional argument may not follow **kwargs");
                    else if (seenVarargs) Error(a.Pos, "positional argument may not follow *args");
                    else if (seenNamed) Error(a.Pos, "positional argument may not follow named");
                    break;
                case ArgKind.Named:
                    if (seenKwargs) Error(a.Pos, "keyword argument may not follow **kwargs");
                    if (!names.Add(a.Name!)) Error(a.Pos, $"keyword argument {a.Name} repeated");
                    seenNamed = true;
                    break;
                case ArgKind.Star:
                    if (seenKwargs) Error(a.Pos, "*args may not follow **kwargs");
                    else if (seenVarargs) Error(a.Pos, "multiple *args not allowed");
                    seenVarargs = true;
                    break;
                case ArgKind.StarStar:
                    if (seenKwargs) Error(a.Pos, "multiple **kwargs not allowed");
                    seenKwargs = true;
                    break;
            }
            Expr(a.Value);
        }
    }

    private void Comprehension(Comprehension comp)
    {
        var first = (ForClause)comp.Clauses[0];
        Expr(first.X);
        var saved = _block;
        _block = new Block(saved, saved.Fn, false);
        Assign(first.Vars, false);
        for (int i = 1; i < comp.Clauses.Count; i++)
        {
            switch (comp.Clauses[i])
            {
                case ForClause f:
                    Expr(f.X);
                    Assign(f.Vars, false);
                    break;
                case IfClause c:
                    Expr(c.Cond);
                    break;
            }
        }
        Expr(comp.Body);
        _block = saved;
    }

    private FunctionScope Function(List<Param> ps, List<Stmt>? body, Expr? lambdaBody)
    {
        // Defaults are evaluated in the enclosing scope.
        foreach (var p in ps) if (p.Default != null) Expr(p.Default);

        bool seenOptional = false, seenStar = false, seenKwargs = false;
        Param? bareStar = null;
        int kwonly = 0;
        foreach (var p in ps)
        {
            if (bareStar != null && p.Kind is not (ParamKind.Required or ParamKind.Optional))
            {
                Error(bareStar.Pos, "bare * must be followed by keyword-only parameters");
                bareStar = null;
            }
            switch (p.Kind)
            {
                case ParamKind.Required:
                case ParamKind.Optional:
                    if (seenKwargs) Error(p.Pos, "parameter may not follow **kwargs");
                    else if (p.Kind == ParamKind.Required && seenOptional && !seenStar) Error(p.Pos, "required parameter may not follow optional");
                    if (p.Kind == ParamKind.Optional) seenOptional = true;
                    if (seenStar) kwonly++;
                    bareStar = null;
                    break;
                case ParamKind.Star:
                case ParamKind.BareStar:
                    if (seenKwargs) Error(p.Pos, "* parameter may not follow **kwargs");
                    else if (seenStar) Error(p.Pos, "multiple * parameters not allowed");
                    seenStar = true;
                    if (p.Kind == ParamKind.BareStar) bareStar = p;
                    break;
                case ParamKind.StarStar:
                    if (seenKwargs) Error(p.Pos, "multiple ** parameters not allowed");
                    seenKwargs = true;
                    break;
            }
        }
        if (bareStar != null) Error(bareStar.Pos, "bare * must be followed by keyword-only parameters");

        var fn = new FunctionScope();
        var saved = _block;
        int savedLoops = _loops;
        _block = new Block(saved, fn, false);
        _loops = 0;
        var seen = new HashSet<string>();
        void BindParam(Ident id)
        {
            if (!seen.Add(id.Name)) Error(id.Pos, "duplicate parameter: " + id.Name);
            else Bind(id);
        }
        foreach (var p in ps) if (p.Kind is ParamKind.Required or ParamKind.Optional) BindParam(p.Name!);
        fn.NumParams = fn.Locals.Count;
        fn.NumKwOnly = kwonly;
        foreach (var p in ps) if (p.Kind == ParamKind.Star) { BindParam(p.Name!); fn.HasVarargs = true; }
        foreach (var p in ps) if (p.Kind == ParamKind.StarStar) { BindParam(p.Name!); fn.HasKwargs = true; }
        if (body != null) Stmts(body);
        if (lambdaBody != null) Expr(lambdaBody);
        _block = saved;
        _loops = savedLoops;
        return fn;
    }

    private void ResolveUses()
    {
        foreach (var (id, block) in _uses) ResolveUse(id, block);
    }

    private void ResolveUse(Ident id, Block block)
    {
        {
            var b = Lookup(id.Name, block);
            if (b != null) { id.Binding = b; return; }
            if (_globals.TryGetValue(id.Name, out var g)) { id.Binding = g; return; }
            if (_isPredeclared(id.Name))
            {
                if (!_predeclared.TryGetValue(id.Name, out var pb)) _predeclared[id.Name] = pb = new Binding(Scope.Predeclared, 0, id.Name, id.Pos);
                id.Binding = pb;
                return;
            }
            if (id.Name == "float" && !_opts.AllowFloat && _isUniversal(id.Name))
            {
                Error(id.Pos, "dialect does not support floating point");
                return;
            }
            if (_isUniversal(id.Name) && (id.Name != "set" || _opts.AllowSet) && (id.Name != "float" || _opts.AllowFloat))
            {
                id.Binding = new Binding(Scope.Universal, 0, id.Name, id.Pos);
                return;
            }
            string msg = "undefined: " + id.Name;
            var candidates = new List<string>(_globals.Keys);
            candidates.AddRange(_predeclared.Keys);
            candidates.AddRange(Builtins.Universe.All.Keys);
            for (var bl = block; bl != null; bl = bl.Parent) candidates.AddRange(bl.Bindings.Keys);
            if (Spelling.Nearest(id.Name, candidates) is { } near) msg += $" (did you mean {near}?)";
            Error(id.Pos, msg);
        }
    }

    private static Binding? Lookup(string name, Block block)
    {
        if (block.IsModule) return null;
        if (block.Bindings.TryGetValue(name, out var b)) return b;
        var parent = block.Parent;
        if (parent == null || parent.IsModule) return null;
        if (parent.Fn == block.Fn) return Lookup(name, parent);
        var outer = Lookup(name, parent);
        if (outer == null) return null;
        if (outer.Scope == Scope.Local) outer.Scope = Scope.Cell;
        var free = new Binding(Scope.Free, block.Fn.FreeVars.Count, name, outer.First);
        block.Fn.FreeVars.Add(outer);
        block.Bindings[name] = free;
        return free;
    }
}
