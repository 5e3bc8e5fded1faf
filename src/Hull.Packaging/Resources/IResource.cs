namespace Hull.Packaging.Resources;

/// <summary>A Kubernetes resource Hull reads and writes: its apiVersion, kind and metadata.</summary>
public interface IResource
{
    /// <summary>The resource's apiVersion.</summary>
    string ApiVersion { get; }

    /// <summary>The resource's kind.</summary>
    string Kind { get; }

    /// <summary>The resource's metadata.</summary>
    ObjectMeta Metadata { get; }
}

/// <summary>The API groups and kinds of the resources Hull models.</summary>
public static class ResourceKinds
{
    /// <summary>Package and PackageMetadata (kapp-controller's aggregated API).</summary>
    public const string DataPackagingV1Alpha1 = "data.packaging.carvel.dev/v1alpha1";

    /// <summary>PackageInstall and PackageRepository.</summary>
    public const string PackagingV1Alpha1 = "packaging.carvel.dev/v1alpha1";

    /// <summary>Core Kubernetes (Secret).</summary>
    public const string CoreV1 = "v1";

    /// <summary>The Package kind.</summary>
    public const string Package = "Package";

    /// <summary>The PackageMetadata kind.</summary>
    public const string PackageMetadata = "PackageMetadata";

    /// <summary>The PackageInstall kind.</summary>
    public const string PackageInstall = "PackageInstall";

    /// <summary>The PackageRepository kind.</summary>
    public const string PackageRepository = "PackageRepository";

    /// <summary>The Secret kind.</summary>
    public const string Secret = "Secret";
}
