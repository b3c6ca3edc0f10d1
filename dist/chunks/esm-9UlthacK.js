import { c as createClientLogger, s as stringToUint8Array, u as uint8ArrayToString, R as RestError, h as delay } from './bearerTokenAuthenticationPolicy-CMwBd7PI.js';
export { j as isRestError } from './bearerTokenAuthenticationPolicy-CMwBd7PI.js';
import { g as getClient, c as createRestError, o as operationOptionsToRequestParameters } from './getClient-L6IJSMdG.js';
import 'node:http';
import 'node:https';
import 'node:zlib';
import 'node:stream';
import 'node:util';
import 'node:os';
import 'node:process';
import 'stream';
import 'net';
import 'tls';
import 'assert';
import 'tty';
import 'util';
import 'os';
import 'http';
import 'https';
import 'url';
import 'events';

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * An enum to describe Azure Cloud environments.
 * @enum {string}
 */
var AzureClouds;
(function (AzureClouds) {
    /** Azure public cloud, which is the default cloud for Azure SDKs. */
    AzureClouds["AZURE_PUBLIC_CLOUD"] = "AZURE_PUBLIC_CLOUD";
    /** Azure China cloud */
    AzureClouds["AZURE_CHINA_CLOUD"] = "AZURE_CHINA_CLOUD";
    /** Azure US government cloud */
    AzureClouds["AZURE_US_GOVERNMENT"] = "AZURE_US_GOVERNMENT";
})(AzureClouds || (AzureClouds = {}));
/**
 * Gets the Azure Resource Manager endpoint URL for the specified cloud setting.
 * @param cloudSetting - The Azure cloud environment setting. Use one of the AzureClouds enum values.
 * @returns The ARM endpoint URL for the specified cloud, or undefined if cloudSetting is undefined.
 * @throws {Error} Throws an error if an unknown cloud setting is provided.
 */
function getArmEndpoint(cloudSetting) {
    if (cloudSetting === undefined) {
        return undefined;
    }
    const cloudEndpoints = {
        AZURE_CHINA_CLOUD: "https://management.chinacloudapi.cn/",
        AZURE_US_GOVERNMENT: "https://management.usgovcloudapi.net/",
        AZURE_PUBLIC_CLOUD: "https://management.azure.com/",
    };
    if (cloudSetting in cloudEndpoints) {
        return cloudEndpoints[cloudSetting];
    }
    else {
        throw new Error(`Unknown cloud setting: ${cloudSetting}. Please refer to the enum AzureClouds for possible values.`);
    }
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
const logger$1 = createClientLogger("arm-containerservice");

var version = "25.5.0";
var pkgJson = {
	version: version};

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/** The Container Service Client. */
function createContainerService(credential, subscriptionId, options = {}) {
    const endpointUrl = options.endpoint ?? getArmEndpoint(options.cloudSetting) ?? "https://management.azure.com";
    const prefixFromOptions = options?.userAgentOptions?.userAgentPrefix;
    const userAgentInfo = `azsdk-js-arm-containerservice/${pkgJson.version}`;
    const userAgentPrefix = prefixFromOptions
        ? `${prefixFromOptions} ${userAgentInfo}`
        : `${userAgentInfo}`;
    const { apiVersion: _, ...updatedOptions } = {
        ...options,
        userAgentOptions: { userAgentPrefix },
        loggingOptions: { logger: options.loggingOptions?.logger ?? logger$1.info },
        credentials: {
            scopes: options.credentials?.scopes ?? ["https://management.azure.com/.default"],
        },
    };
    const clientContext = getClient(endpointUrl, credential, updatedOptions);
    const apiVersion = options.apiVersion;
    return { ...clientContext, apiVersion, subscriptionId };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Returns true if all specified properties of the item are undefined.
 * @param item The object to check.
 * @param properties The list of property names to check on the item.
 * @returns True if all specified properties are undefined, otherwise false.
 */
function areAllPropsUndefined(item, properties) {
    for (const property of properties) {
        if (item[property] !== undefined) {
            return false;
        }
    }
    return true;
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/*
 * This file contains only generated model types and their (de)serializers.
 * Disable the following rules for internal models with '_' prefix and deserializers which require 'any' for raw JSON input.
 */
/* eslint-disable @typescript-eslint/naming-convention */
/* eslint-disable @typescript-eslint/explicit-module-boundary-types */
function agentPoolSerializer(item) {
    return {
        properties: areAllPropsUndefined(item, [
            "count",
            "vmSize",
            "osDiskSizeGB",
            "osDiskType",
            "kubeletDiskType",
            "workloadRuntime",
            "messageOfTheDay",
            "vnetSubnetID",
            "podSubnetID",
            "podIPAllocationMode",
            "maxPods",
            "osType",
            "osSKU",
            "maxCount",
            "minCount",
            "enableAutoScaling",
            "scaleDownMode",
            "type",
            "mode",
            "orchestratorVersion",
            "nodeImageVersion",
            "upgradeSettings",
            "powerState",
            "availabilityZones",
            "enableNodePublicIP",
            "nodePublicIPPrefixID",
            "scaleSetPriority",
            "scaleSetEvictionPolicy",
            "spotMaxPrice",
            "tags",
            "nodeLabels",
            "nodeTaints",
            "proximityPlacementGroupID",
            "kubeletConfig",
            "linuxOSConfig",
            "enableEncryptionAtHost",
            "enableUltraSSD",
            "enableFips",
            "gpuInstanceProfile",
            "creationData",
            "capacityReservationGroupID",
            "hostGroupID",
            "networkProfile",
            "windowsProfile",
            "securityProfile",
            "gpuProfile",
            "gatewayProfile",
            "artifactStreamingProfile",
            "virtualMachinesProfile",
            "virtualMachineNodesStatus",
            "status",
            "localDNSProfile",
        ])
            ? undefined
            : _agentPoolPropertiesSerializer(item),
    };
}
function agentPoolDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        ...(!item["properties"]
            ? item["properties"]
            : _agentPoolPropertiesDeserializer(item["properties"])),
    };
}
/** The OS disk type to be used for machines in the agent pool. The default is 'Ephemeral' if the VM supports it and has a cache disk larger than the requested OSDiskSizeGB. Otherwise, defaults to 'Managed'. May not be changed after creation. For more information see [Ephemeral OS](https://docs.microsoft.com/azure/aks/cluster-configuration#ephemeral-os). */
var KnownOSDiskType;
(function (KnownOSDiskType) {
    /** Azure replicates the operating system disk for a virtual machine to Azure storage to avoid data loss should the VM need to be relocated to another host. Since containers aren't designed to have local state persisted, this behavior offers limited value while providing some drawbacks, including slower node provisioning and higher read/write latency. */
    KnownOSDiskType["Managed"] = "Managed";
    /** Ephemeral OS disks are stored only on the host machine, just like a temporary disk. This provides lower read/write latency, along with faster node scaling and cluster upgrades. */
    KnownOSDiskType["Ephemeral"] = "Ephemeral";
})(KnownOSDiskType || (KnownOSDiskType = {}));
/** Determines the placement of emptyDir volumes, container runtime data root, and Kubelet ephemeral storage. */
var KnownKubeletDiskType;
(function (KnownKubeletDiskType) {
    /** Kubelet will use the OS disk for its data. */
    KnownKubeletDiskType["OS"] = "OS";
    /** Kubelet will use the temporary disk for its data. */
    KnownKubeletDiskType["Temporary"] = "Temporary";
})(KnownKubeletDiskType || (KnownKubeletDiskType = {}));
/** Determines the type of workload a node can run. */
var KnownWorkloadRuntime;
(function (KnownWorkloadRuntime) {
    /** Nodes will use Kubelet to run standard OCI container workloads. */
    KnownWorkloadRuntime["OCIContainer"] = "OCIContainer";
    /** Nodes will use Krustlet to run WASM workloads using the WASI provider (Preview). */
    KnownWorkloadRuntime["WasmWasi"] = "WasmWasi";
    /** Nodes can use (Kata + Cloud Hypervisor + Hyper-V) to enable Nested VM-based pods. Due to the use Hyper-V, AKS node OS itself is a nested VM (the root OS) of Hyper-V. Thus it can only be used with VM series that support Nested Virtualization such as Dv3 series. */
    KnownWorkloadRuntime["KataVmIsolation"] = "KataVmIsolation";
})(KnownWorkloadRuntime || (KnownWorkloadRuntime = {}));
/** Pod IP Allocation Mode. The IP allocation mode for pods in the agent pool. Must be used with podSubnetId. The default is 'DynamicIndividual'. */
var KnownPodIPAllocationMode;
(function (KnownPodIPAllocationMode) {
    /** Each node gets allocated with a non-contiguous list of IP addresses assignable to pods. This is better for maximizing a small to medium subnet of size /16 or smaller. The Azure CNI cluster with dynamic IP allocation defaults to this mode if the customer does not explicitly specify a podIPAllocationMode */
    KnownPodIPAllocationMode["DynamicIndividual"] = "DynamicIndividual";
    /** Each node is statically allocated CIDR block(s) of size /28 = 16 IPs per block to satisfy the maxPods per node. Number of CIDR blocks >= (maxPods / 16). The block, rather than a single IP, counts against the Azure Vnet Private IP limit of 65K. Therefore block mode is suitable for running larger workloads with more than the current limit of 65K pods in a cluster. This mode is better suited to scale with larger subnets of /15 or bigger */
    KnownPodIPAllocationMode["StaticBlock"] = "StaticBlock";
})(KnownPodIPAllocationMode || (KnownPodIPAllocationMode = {}));
/** The operating system type. The default is Linux. */
var KnownOSType;
(function (KnownOSType) {
    /** Use Linux. */
    KnownOSType["Linux"] = "Linux";
    /** Use Windows. */
    KnownOSType["Windows"] = "Windows";
})(KnownOSType || (KnownOSType = {}));
/** Specifies the OS SKU used by the agent pool. The default is Ubuntu if OSType is Linux. The default is Windows2019 when Kubernetes <= 1.24 or Windows2022 when Kubernetes >= 1.25 if OSType is Windows. */
var KnownOssku;
(function (KnownOssku) {
    /** Use Ubuntu as the OS for node images. */
    KnownOssku["Ubuntu"] = "Ubuntu";
    /** Use AzureLinux as the OS for node images. Azure Linux is a container-optimized Linux distro built by Microsoft, visit https://aka.ms/azurelinux for more information. */
    KnownOssku["AzureLinux"] = "AzureLinux";
    /** Use AzureLinux3 as the OS for node images. Azure Linux is a container-optimized Linux distro built by Microsoft, visit https://aka.ms/azurelinux for more information. For limitations, visit https://aka.ms/aks/node-images. For OS migration guidance, see https://aka.ms/aks/upgrade-os-version. */
    KnownOssku["AzureLinux3"] = "AzureLinux3";
    /** Deprecated OSSKU. Microsoft recommends that new deployments choose 'AzureLinux' instead. */
    KnownOssku["CBLMariner"] = "CBLMariner";
    /** Use Windows2019 as the OS for node images. Unsupported for system node pools. Windows2019 only supports Windows2019 containers; it cannot run Windows2022 containers and vice versa. */
    KnownOssku["Windows2019"] = "Windows2019";
    /** Use Windows2022 as the OS for node images. Unsupported for system node pools. Windows2022 only supports Windows2022 containers; it cannot run Windows2019 containers and vice versa. */
    KnownOssku["Windows2022"] = "Windows2022";
    /** Use Ubuntu2204 as the OS for node images, however, Ubuntu 22.04 may not be supported for all nodepools. For limitations and supported kubernetes versions, see https://aka.ms/aks/supported-ubuntu-versions */
    KnownOssku["Ubuntu2204"] = "Ubuntu2204";
    /** Use Windows2025 as the OS for node images. Unsupported for system node pools. Windows2025 supports Windows2022 and Windows 2025 containers; it cannot run Windows2019 containers and vice versa. */
    KnownOssku["Windows2025"] = "Windows2025";
    /** Use Ubuntu2404 as the OS for node images, however, Ubuntu 24.04 may not be supported for all nodepools. For limitations and supported kubernetes versions, see see https://aka.ms/aks/supported-ubuntu-versions */
    KnownOssku["Ubuntu2404"] = "Ubuntu2404";
    /** Use Azure Container Linux as the OS for node images. Azure Container Linux is a container-optimized, security-focused Linux OS built on Azure Linux, with an immutable filesystem. ACL is derived from the Flatcar Container Linux project, building on Flatcar's proven container-first, immutable design, while adding Azure Linux packages, servicing, and deep integration with the Azure and AKS lifecycle. For more information, see https://aka.ms/azurecontainerlinux */
    KnownOssku["AzureContainerLinux"] = "AzureContainerLinux";
})(KnownOssku || (KnownOssku = {}));
/** Describes how VMs are added to or removed from Agent Pools. See [billing states](https://docs.microsoft.com/azure/virtual-machines/states-billing). */
var KnownScaleDownMode;
(function (KnownScaleDownMode) {
    /** Create new instances during scale up and remove instances during scale down. */
    KnownScaleDownMode["Delete"] = "Delete";
    /** Attempt to start deallocated instances (if they exist) during scale up and deallocate instances during scale down. */
    KnownScaleDownMode["Deallocate"] = "Deallocate";
})(KnownScaleDownMode || (KnownScaleDownMode = {}));
/** The type of Agent Pool. */
var KnownAgentPoolType;
(function (KnownAgentPoolType) {
    /** Create an Agent Pool backed by a Virtual Machine Scale Set. */
    KnownAgentPoolType["VirtualMachineScaleSets"] = "VirtualMachineScaleSets";
    /** Use of this is strongly discouraged. */
    KnownAgentPoolType["AvailabilitySet"] = "AvailabilitySet";
    /** Create an Agent Pool backed by a Single Instance VM orchestration mode. */
    KnownAgentPoolType["VirtualMachines"] = "VirtualMachines";
})(KnownAgentPoolType || (KnownAgentPoolType = {}));
/** The mode of an agent pool. A cluster must have at least one 'System' Agent Pool at all times. For additional information on agent pool restrictions and best practices, see: https://docs.microsoft.com/azure/aks/use-system-pools */
var KnownAgentPoolMode;
(function (KnownAgentPoolMode) {
    /** System agent pools are primarily for hosting critical system pods such as CoreDNS and metrics-server. System agent pools osType must be Linux. System agent pools VM SKU must have at least 2vCPUs and 4GB of memory. */
    KnownAgentPoolMode["System"] = "System";
    /** User agent pools are primarily for hosting your application pods. */
    KnownAgentPoolMode["User"] = "User";
    /** Gateway agent pools are dedicated to providing static egress IPs to pods. For more details, see https://aka.ms/aks/static-egress-gateway. */
    KnownAgentPoolMode["Gateway"] = "Gateway";
})(KnownAgentPoolMode || (KnownAgentPoolMode = {}));
function agentPoolUpgradeSettingsSerializer(item) {
    return {
        maxSurge: item["maxSurge"],
        maxUnavailable: item["maxUnavailable"],
        drainTimeoutInMinutes: item["drainTimeoutInMinutes"],
        nodeSoakDurationInMinutes: item["nodeSoakDurationInMinutes"],
        undrainableNodeBehavior: item["undrainableNodeBehavior"],
    };
}
function agentPoolUpgradeSettingsDeserializer(item) {
    return {
        maxSurge: item["maxSurge"],
        maxUnavailable: item["maxUnavailable"],
        drainTimeoutInMinutes: item["drainTimeoutInMinutes"],
        nodeSoakDurationInMinutes: item["nodeSoakDurationInMinutes"],
        undrainableNodeBehavior: item["undrainableNodeBehavior"],
    };
}
/** Defines the behavior for undrainable nodes during upgrade. The most common cause of undrainable nodes is Pod Disruption Budgets (PDBs), but other issues, such as pod termination grace period is exceeding the remaining per-node drain timeout or pod is still being in a running state, can also cause undrainable nodes. */
var KnownUndrainableNodeBehavior;
(function (KnownUndrainableNodeBehavior) {
    /** AKS will cordon the blocked nodes and replace them with surge nodes during upgrade. The blocked nodes will be cordoned and replaced by surge nodes. The blocked nodes will have label 'kubernetes.azure.com/upgrade-status:Quarantined'. A surge node will be retained for each blocked node. A best-effort attempt will be made to delete all other surge nodes. If there are enough surge nodes to replace blocked nodes, then the upgrade operation and the managed cluster will be in failed state. Otherwise, the upgrade operation and the managed cluster will be in canceled state. */
    KnownUndrainableNodeBehavior["Cordon"] = "Cordon";
    /** AKS will mark the blocked nodes schedulable, but the blocked nodes are not upgraded. A best-effort attempt will be made to delete all surge nodes. The upgrade operation and the managed cluster will be in failed state if there are any blocked nodes. */
    KnownUndrainableNodeBehavior["Schedule"] = "Schedule";
})(KnownUndrainableNodeBehavior || (KnownUndrainableNodeBehavior = {}));
function powerStateSerializer(item) {
    return { code: item["code"] };
}
function powerStateDeserializer(item) {
    return {
        code: item["code"],
    };
}
/** Tells whether the cluster is Running or Stopped */
var KnownCode;
(function (KnownCode) {
    /** The cluster is running. */
    KnownCode["Running"] = "Running";
    /** The cluster is stopped. */
    KnownCode["Stopped"] = "Stopped";
})(KnownCode || (KnownCode = {}));
/** The Virtual Machine Scale Set priority. */
var KnownScaleSetPriority;
(function (KnownScaleSetPriority) {
    /** Spot priority VMs will be used. There is no SLA for spot nodes. See [spot on AKS](https://docs.microsoft.com/azure/aks/spot-node-pool) for more information. */
    KnownScaleSetPriority["Spot"] = "Spot";
    /** Regular VMs will be used. */
    KnownScaleSetPriority["Regular"] = "Regular";
})(KnownScaleSetPriority || (KnownScaleSetPriority = {}));
/** The Virtual Machine Scale Set eviction policy. The eviction policy specifies what to do with the VM when it is evicted. The default is Delete. For more information about eviction see [spot VMs](https://docs.microsoft.com/azure/virtual-machines/spot-vms) */
var KnownScaleSetEvictionPolicy;
(function (KnownScaleSetEvictionPolicy) {
    /** Nodes in the underlying Scale Set of the node pool are deleted when they're evicted. */
    KnownScaleSetEvictionPolicy["Delete"] = "Delete";
    /** Nodes in the underlying Scale Set of the node pool are set to the stopped-deallocated state upon eviction. Nodes in the stopped-deallocated state count against your compute quota and can cause issues with cluster scaling or upgrading. */
    KnownScaleSetEvictionPolicy["Deallocate"] = "Deallocate";
})(KnownScaleSetEvictionPolicy || (KnownScaleSetEvictionPolicy = {}));
function kubeletConfigSerializer(item) {
    return {
        cpuManagerPolicy: item["cpuManagerPolicy"],
        cpuCfsQuota: item["cpuCfsQuota"],
        cpuCfsQuotaPeriod: item["cpuCfsQuotaPeriod"],
        imageGcHighThreshold: item["imageGcHighThreshold"],
        imageGcLowThreshold: item["imageGcLowThreshold"],
        topologyManagerPolicy: item["topologyManagerPolicy"],
        allowedUnsafeSysctls: !item["allowedUnsafeSysctls"]
            ? item["allowedUnsafeSysctls"]
            : item["allowedUnsafeSysctls"].map((p) => {
                return p;
            }),
        failSwapOn: item["failSwapOn"],
        containerLogMaxSizeMB: item["containerLogMaxSizeMB"],
        containerLogMaxFiles: item["containerLogMaxFiles"],
        podMaxPids: item["podMaxPids"],
    };
}
function kubeletConfigDeserializer(item) {
    return {
        cpuManagerPolicy: item["cpuManagerPolicy"],
        cpuCfsQuota: item["cpuCfsQuota"],
        cpuCfsQuotaPeriod: item["cpuCfsQuotaPeriod"],
        imageGcHighThreshold: item["imageGcHighThreshold"],
        imageGcLowThreshold: item["imageGcLowThreshold"],
        topologyManagerPolicy: item["topologyManagerPolicy"],
        allowedUnsafeSysctls: !item["allowedUnsafeSysctls"]
            ? item["allowedUnsafeSysctls"]
            : item["allowedUnsafeSysctls"].map((p) => {
                return p;
            }),
        failSwapOn: item["failSwapOn"],
        containerLogMaxSizeMB: item["containerLogMaxSizeMB"],
        containerLogMaxFiles: item["containerLogMaxFiles"],
        podMaxPids: item["podMaxPids"],
    };
}
function linuxOSConfigSerializer(item) {
    return {
        sysctls: !item["sysctls"] ? item["sysctls"] : sysctlConfigSerializer(item["sysctls"]),
        transparentHugePageEnabled: item["transparentHugePageEnabled"],
        transparentHugePageDefrag: item["transparentHugePageDefrag"],
        swapFileSizeMB: item["swapFileSizeMB"],
    };
}
function linuxOSConfigDeserializer(item) {
    return {
        sysctls: !item["sysctls"] ? item["sysctls"] : sysctlConfigDeserializer(item["sysctls"]),
        transparentHugePageEnabled: item["transparentHugePageEnabled"],
        transparentHugePageDefrag: item["transparentHugePageDefrag"],
        swapFileSizeMB: item["swapFileSizeMB"],
    };
}
function sysctlConfigSerializer(item) {
    return {
        netCoreSomaxconn: item["netCoreSomaxconn"],
        netCoreNetdevMaxBacklog: item["netCoreNetdevMaxBacklog"],
        netCoreRmemDefault: item["netCoreRmemDefault"],
        netCoreRmemMax: item["netCoreRmemMax"],
        netCoreWmemDefault: item["netCoreWmemDefault"],
        netCoreWmemMax: item["netCoreWmemMax"],
        netCoreOptmemMax: item["netCoreOptmemMax"],
        netIpv4TcpMaxSynBacklog: item["netIpv4TcpMaxSynBacklog"],
        netIpv4TcpMaxTwBuckets: item["netIpv4TcpMaxTwBuckets"],
        netIpv4TcpFinTimeout: item["netIpv4TcpFinTimeout"],
        netIpv4TcpKeepaliveTime: item["netIpv4TcpKeepaliveTime"],
        netIpv4TcpKeepaliveProbes: item["netIpv4TcpKeepaliveProbes"],
        netIpv4TcpkeepaliveIntvl: item["netIpv4TcpkeepaliveIntvl"],
        netIpv4TcpTwReuse: item["netIpv4TcpTwReuse"],
        netIpv4IpLocalPortRange: item["netIpv4IpLocalPortRange"],
        netIpv4NeighDefaultGcThresh1: item["netIpv4NeighDefaultGcThresh1"],
        netIpv4NeighDefaultGcThresh2: item["netIpv4NeighDefaultGcThresh2"],
        netIpv4NeighDefaultGcThresh3: item["netIpv4NeighDefaultGcThresh3"],
        netNetfilterNfConntrackMax: item["netNetfilterNfConntrackMax"],
        netNetfilterNfConntrackBuckets: item["netNetfilterNfConntrackBuckets"],
        fsInotifyMaxUserWatches: item["fsInotifyMaxUserWatches"],
        fsFileMax: item["fsFileMax"],
        fsAioMaxNr: item["fsAioMaxNr"],
        fsNrOpen: item["fsNrOpen"],
        kernelThreadsMax: item["kernelThreadsMax"],
        vmMaxMapCount: item["vmMaxMapCount"],
        vmSwappiness: item["vmSwappiness"],
        vmVfsCachePressure: item["vmVfsCachePressure"],
    };
}
function sysctlConfigDeserializer(item) {
    return {
        netCoreSomaxconn: item["netCoreSomaxconn"],
        netCoreNetdevMaxBacklog: item["netCoreNetdevMaxBacklog"],
        netCoreRmemDefault: item["netCoreRmemDefault"],
        netCoreRmemMax: item["netCoreRmemMax"],
        netCoreWmemDefault: item["netCoreWmemDefault"],
        netCoreWmemMax: item["netCoreWmemMax"],
        netCoreOptmemMax: item["netCoreOptmemMax"],
        netIpv4TcpMaxSynBacklog: item["netIpv4TcpMaxSynBacklog"],
        netIpv4TcpMaxTwBuckets: item["netIpv4TcpMaxTwBuckets"],
        netIpv4TcpFinTimeout: item["netIpv4TcpFinTimeout"],
        netIpv4TcpKeepaliveTime: item["netIpv4TcpKeepaliveTime"],
        netIpv4TcpKeepaliveProbes: item["netIpv4TcpKeepaliveProbes"],
        netIpv4TcpkeepaliveIntvl: item["netIpv4TcpkeepaliveIntvl"],
        netIpv4TcpTwReuse: item["netIpv4TcpTwReuse"],
        netIpv4IpLocalPortRange: item["netIpv4IpLocalPortRange"],
        netIpv4NeighDefaultGcThresh1: item["netIpv4NeighDefaultGcThresh1"],
        netIpv4NeighDefaultGcThresh2: item["netIpv4NeighDefaultGcThresh2"],
        netIpv4NeighDefaultGcThresh3: item["netIpv4NeighDefaultGcThresh3"],
        netNetfilterNfConntrackMax: item["netNetfilterNfConntrackMax"],
        netNetfilterNfConntrackBuckets: item["netNetfilterNfConntrackBuckets"],
        fsInotifyMaxUserWatches: item["fsInotifyMaxUserWatches"],
        fsFileMax: item["fsFileMax"],
        fsAioMaxNr: item["fsAioMaxNr"],
        fsNrOpen: item["fsNrOpen"],
        kernelThreadsMax: item["kernelThreadsMax"],
        vmMaxMapCount: item["vmMaxMapCount"],
        vmSwappiness: item["vmSwappiness"],
        vmVfsCachePressure: item["vmVfsCachePressure"],
    };
}
/** GPUInstanceProfile to be used to specify GPU MIG instance profile for supported GPU VM SKU. */
var KnownGPUInstanceProfile;
(function (KnownGPUInstanceProfile) {
    /** MIG 1g GPU instance profile. */
    KnownGPUInstanceProfile["MIG1G"] = "MIG1g";
    /** MIG 2g GPU instance profile. */
    KnownGPUInstanceProfile["MIG2G"] = "MIG2g";
    /** MIG 3g GPU instance profile. */
    KnownGPUInstanceProfile["MIG3G"] = "MIG3g";
    /** MIG 4g GPU instance profile. */
    KnownGPUInstanceProfile["MIG4G"] = "MIG4g";
    /** MIG 7g GPU instance profile. */
    KnownGPUInstanceProfile["MIG7G"] = "MIG7g";
})(KnownGPUInstanceProfile || (KnownGPUInstanceProfile = {}));
function creationDataSerializer(item) {
    return { sourceResourceId: item["sourceResourceId"] };
}
function creationDataDeserializer(item) {
    return {
        sourceResourceId: item["sourceResourceId"],
    };
}
function agentPoolNetworkProfileSerializer(item) {
    return {
        nodePublicIPTags: !item["nodePublicIPTags"]
            ? item["nodePublicIPTags"]
            : ipTagArraySerializer(item["nodePublicIPTags"]),
        allowedHostPorts: !item["allowedHostPorts"]
            ? item["allowedHostPorts"]
            : portRangeArraySerializer(item["allowedHostPorts"]),
        applicationSecurityGroups: !item["applicationSecurityGroups"]
            ? item["applicationSecurityGroups"]
            : item["applicationSecurityGroups"].map((p) => {
                return p;
            }),
        dranet: !item["dranet"] ? item["dranet"] : dranetProfileSerializer(item["dranet"]),
    };
}
function agentPoolNetworkProfileDeserializer(item) {
    return {
        nodePublicIPTags: !item["nodePublicIPTags"]
            ? item["nodePublicIPTags"]
            : ipTagArrayDeserializer(item["nodePublicIPTags"]),
        allowedHostPorts: !item["allowedHostPorts"]
            ? item["allowedHostPorts"]
            : portRangeArrayDeserializer(item["allowedHostPorts"]),
        applicationSecurityGroups: !item["applicationSecurityGroups"]
            ? item["applicationSecurityGroups"]
            : item["applicationSecurityGroups"].map((p) => {
                return p;
            }),
        dranet: !item["dranet"] ? item["dranet"] : dranetProfileDeserializer(item["dranet"]),
    };
}
function ipTagArraySerializer(result) {
    return result.map((item) => {
        return ipTagSerializer(item);
    });
}
function ipTagArrayDeserializer(result) {
    return result.map((item) => {
        return ipTagDeserializer(item);
    });
}
function ipTagSerializer(item) {
    return { ipTagType: item["ipTagType"], tag: item["tag"] };
}
function ipTagDeserializer(item) {
    return {
        ipTagType: item["ipTagType"],
        tag: item["tag"],
    };
}
function portRangeArraySerializer(result) {
    return result.map((item) => {
        return portRangeSerializer(item);
    });
}
function portRangeArrayDeserializer(result) {
    return result.map((item) => {
        return portRangeDeserializer(item);
    });
}
function portRangeSerializer(item) {
    return { portStart: item["portStart"], portEnd: item["portEnd"], protocol: item["protocol"] };
}
function portRangeDeserializer(item) {
    return {
        portStart: item["portStart"],
        portEnd: item["portEnd"],
        protocol: item["protocol"],
    };
}
/** The network protocol of the port. */
var KnownProtocol;
(function (KnownProtocol) {
    /** TCP protocol. */
    KnownProtocol["TCP"] = "TCP";
    /** UDP protocol. */
    KnownProtocol["UDP"] = "UDP";
})(KnownProtocol || (KnownProtocol = {}));
function dranetProfileSerializer(item) {
    return { mode: item["mode"] };
}
function dranetProfileDeserializer(item) {
    return {
        mode: item["mode"],
    };
}
/** The DRANET mode for the agent pool. */
var KnownDranetMode;
(function (KnownDranetMode) {
    /** DRANET is not managed by AKS. */
    KnownDranetMode["Unmanaged"] = "Unmanaged";
    /** DRANET is managed by AKS. */
    KnownDranetMode["Managed"] = "Managed";
})(KnownDranetMode || (KnownDranetMode = {}));
function agentPoolWindowsProfileSerializer(item) {
    return { disableOutboundNat: item["disableOutboundNat"] };
}
function agentPoolWindowsProfileDeserializer(item) {
    return {
        disableOutboundNat: item["disableOutboundNat"],
    };
}
function agentPoolSecurityProfileSerializer(item) {
    return {
        enableVTPM: item["enableVtpm"],
        enableSecureBoot: item["enableSecureBoot"],
        sshAccess: item["sshAccess"],
    };
}
function agentPoolSecurityProfileDeserializer(item) {
    return {
        enableVtpm: item["enableVTPM"],
        enableSecureBoot: item["enableSecureBoot"],
        sshAccess: item["sshAccess"],
    };
}
/** SSH access method of an agent pool. */
var KnownAgentPoolSSHAccess;
(function (KnownAgentPoolSSHAccess) {
    /** Can SSH onto the node as a local user using private key. */
    KnownAgentPoolSSHAccess["LocalUser"] = "LocalUser";
    /** SSH service will be turned off on the node. */
    KnownAgentPoolSSHAccess["Disabled"] = "Disabled";
    /** SSH to node with EntraId integration. More information can be found under https://aka.ms/aks/ssh/aad */
    KnownAgentPoolSSHAccess["EntraId"] = "EntraId";
})(KnownAgentPoolSSHAccess || (KnownAgentPoolSSHAccess = {}));
function gpuProfileSerializer(item) {
    return { driver: item["driver"] };
}
function gpuProfileDeserializer(item) {
    return {
        driver: item["driver"],
    };
}
/** Whether to install GPU drivers. When it's not specified, default is Install. */
var KnownGPUDriver;
(function (KnownGPUDriver) {
    /** Install driver. */
    KnownGPUDriver["Install"] = "Install";
    /** Skip driver install. */
    KnownGPUDriver["None"] = "None";
})(KnownGPUDriver || (KnownGPUDriver = {}));
function agentPoolGatewayProfileSerializer(item) {
    return { publicIPPrefixSize: item["publicIPPrefixSize"] };
}
function agentPoolGatewayProfileDeserializer(item) {
    return {
        publicIPPrefixSize: item["publicIPPrefixSize"],
    };
}
function agentPoolArtifactStreamingProfileSerializer(item) {
    return { enabled: item["enabled"] };
}
function agentPoolArtifactStreamingProfileDeserializer(item) {
    return {
        enabled: item["enabled"],
    };
}
function virtualMachinesProfileSerializer(item) {
    return { scale: !item["scale"] ? item["scale"] : scaleProfileSerializer(item["scale"]) };
}
function virtualMachinesProfileDeserializer(item) {
    return {
        scale: !item["scale"] ? item["scale"] : scaleProfileDeserializer(item["scale"]),
    };
}
function scaleProfileSerializer(item) {
    return {
        manual: !item["manual"] ? item["manual"] : manualScaleProfileArraySerializer(item["manual"]),
        autoscale: !item["autoscale"]
            ? item["autoscale"]
            : autoScaleProfileArraySerializer(item["autoscale"]),
    };
}
function scaleProfileDeserializer(item) {
    return {
        manual: !item["manual"] ? item["manual"] : manualScaleProfileArrayDeserializer(item["manual"]),
        autoscale: !item["autoscale"]
            ? item["autoscale"]
            : autoScaleProfileArrayDeserializer(item["autoscale"]),
    };
}
function manualScaleProfileArraySerializer(result) {
    return result.map((item) => {
        return manualScaleProfileSerializer(item);
    });
}
function manualScaleProfileArrayDeserializer(result) {
    return result.map((item) => {
        return manualScaleProfileDeserializer(item);
    });
}
function manualScaleProfileSerializer(item) {
    return { size: item["size"], count: item["count"] };
}
function manualScaleProfileDeserializer(item) {
    return {
        size: item["size"],
        count: item["count"],
    };
}
function autoScaleProfileArraySerializer(result) {
    return result.map((item) => {
        return autoScaleProfileSerializer(item);
    });
}
function autoScaleProfileArrayDeserializer(result) {
    return result.map((item) => {
        return autoScaleProfileDeserializer(item);
    });
}
function autoScaleProfileSerializer(item) {
    return { size: item["size"], minCount: item["minCount"], maxCount: item["maxCount"] };
}
function autoScaleProfileDeserializer(item) {
    return {
        size: item["size"],
        minCount: item["minCount"],
        maxCount: item["maxCount"],
    };
}
function virtualMachineNodesArraySerializer(result) {
    return result.map((item) => {
        return virtualMachineNodesSerializer(item);
    });
}
function virtualMachineNodesArrayDeserializer(result) {
    return result.map((item) => {
        return virtualMachineNodesDeserializer(item);
    });
}
function virtualMachineNodesSerializer(item) {
    return { size: item["size"], count: item["count"] };
}
function virtualMachineNodesDeserializer(item) {
    return {
        size: item["size"],
        count: item["count"],
    };
}
function agentPoolStatusSerializer(_item) {
    return {};
}
function agentPoolStatusDeserializer(item) {
    return {
        provisioningError: !item["provisioningError"]
            ? item["provisioningError"]
            : errorDetailDeserializer(item["provisioningError"]),
    };
}
function errorDetailDeserializer(item) {
    return {
        code: item["code"],
        message: item["message"],
        target: item["target"],
        details: !item["details"] ? item["details"] : errorDetailArrayDeserializer(item["details"]),
        additionalInfo: !item["additionalInfo"]
            ? item["additionalInfo"]
            : errorAdditionalInfoArrayDeserializer(item["additionalInfo"]),
    };
}
function errorDetailArrayDeserializer(result) {
    return result.map((item) => {
        return errorDetailDeserializer(item);
    });
}
function errorAdditionalInfoArrayDeserializer(result) {
    return result.map((item) => {
        return errorAdditionalInfoDeserializer(item);
    });
}
function errorAdditionalInfoDeserializer(item) {
    return {
        type: item["type"],
        info: item["info"],
    };
}
function localDNSProfileSerializer(item) {
    return {
        mode: item["mode"],
        vnetDNSOverrides: !item["vnetDNSOverrides"]
            ? item["vnetDNSOverrides"]
            : localDNSOverrideRecordSerializer(item["vnetDNSOverrides"]),
        kubeDNSOverrides: !item["kubeDNSOverrides"]
            ? item["kubeDNSOverrides"]
            : localDNSOverrideRecordSerializer(item["kubeDNSOverrides"]),
    };
}
function localDNSProfileDeserializer(item) {
    return {
        mode: item["mode"],
        state: item["state"],
        vnetDNSOverrides: !item["vnetDNSOverrides"]
            ? item["vnetDNSOverrides"]
            : localDNSOverrideRecordDeserializer(item["vnetDNSOverrides"]),
        kubeDNSOverrides: !item["kubeDNSOverrides"]
            ? item["kubeDNSOverrides"]
            : localDNSOverrideRecordDeserializer(item["kubeDNSOverrides"]),
    };
}
/** Mode of enablement for localDNS. */
var KnownLocalDNSMode;
(function (KnownLocalDNSMode) {
    /** If the current orchestrator version supports this feature, prefer enabling localDNS. */
    KnownLocalDNSMode["Preferred"] = "Preferred";
    /** Enable localDNS. */
    KnownLocalDNSMode["Required"] = "Required";
    /** Disable localDNS. */
    KnownLocalDNSMode["Disabled"] = "Disabled";
})(KnownLocalDNSMode || (KnownLocalDNSMode = {}));
/** System-generated state of localDNS. */
var KnownLocalDNSState;
(function (KnownLocalDNSState) {
    /** localDNS is enabled. */
    KnownLocalDNSState["Enabled"] = "Enabled";
    /** localDNS is disabled. */
    KnownLocalDNSState["Disabled"] = "Disabled";
})(KnownLocalDNSState || (KnownLocalDNSState = {}));
function localDNSOverrideRecordSerializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key] ? item[key] : localDNSOverrideSerializer(item[key]);
    });
    return result;
}
function localDNSOverrideRecordDeserializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key] ? item[key] : localDNSOverrideDeserializer(item[key]);
    });
    return result;
}
function localDNSOverrideSerializer(item) {
    return {
        queryLogging: item["queryLogging"],
        protocol: item["protocol"],
        forwardDestination: item["forwardDestination"],
        forwardPolicy: item["forwardPolicy"],
        maxConcurrent: item["maxConcurrent"],
        cacheDurationInSeconds: item["cacheDurationInSeconds"],
        serveStaleDurationInSeconds: item["serveStaleDurationInSeconds"],
        serveStale: item["serveStale"],
    };
}
function localDNSOverrideDeserializer(item) {
    return {
        queryLogging: item["queryLogging"],
        protocol: item["protocol"],
        forwardDestination: item["forwardDestination"],
        forwardPolicy: item["forwardPolicy"],
        maxConcurrent: item["maxConcurrent"],
        cacheDurationInSeconds: item["cacheDurationInSeconds"],
        serveStaleDurationInSeconds: item["serveStaleDurationInSeconds"],
        serveStale: item["serveStale"],
    };
}
/** Log level for DNS queries in localDNS. */
var KnownLocalDNSQueryLogging;
(function (KnownLocalDNSQueryLogging) {
    /** Enables error logging in localDNS. See [errors plugin](https://coredns.io/plugins/errors) for more information. */
    KnownLocalDNSQueryLogging["Error"] = "Error";
    /** Enables query logging in localDNS. See [log plugin](https://coredns.io/plugins/log) for more information. */
    KnownLocalDNSQueryLogging["Log"] = "Log";
})(KnownLocalDNSQueryLogging || (KnownLocalDNSQueryLogging = {}));
/** Enforce TCP or prefer UDP protocol for connections from localDNS to upstream DNS server. */
var KnownLocalDNSProtocol;
(function (KnownLocalDNSProtocol) {
    /** Prefer UDP protocol for connections from localDNS to upstream DNS server. */
    KnownLocalDNSProtocol["PreferUDP"] = "PreferUDP";
    /** Enforce TCP protocol for connections from localDNS to upstream DNS server. */
    KnownLocalDNSProtocol["ForceTCP"] = "ForceTCP";
})(KnownLocalDNSProtocol || (KnownLocalDNSProtocol = {}));
/** Destination server for DNS queries to be forwarded from localDNS. */
var KnownLocalDNSForwardDestination;
(function (KnownLocalDNSForwardDestination) {
    /** Forward DNS queries from localDNS to cluster CoreDNS. */
    KnownLocalDNSForwardDestination["ClusterCoreDNS"] = "ClusterCoreDNS";
    /** Forward DNS queries from localDNS to DNS server configured in the VNET. A VNET can have multiple DNS servers configured. */
    KnownLocalDNSForwardDestination["VnetDNS"] = "VnetDNS";
})(KnownLocalDNSForwardDestination || (KnownLocalDNSForwardDestination = {}));
/** Forward policy for selecting upstream DNS server. See [forward plugin](https://coredns.io/plugins/forward) for more information. */
var KnownLocalDNSForwardPolicy;
(function (KnownLocalDNSForwardPolicy) {
    /** Implements sequential upstream DNS server selection. See [forward plugin](https://coredns.io/plugins/forward) for more information. */
    KnownLocalDNSForwardPolicy["Sequential"] = "Sequential";
    /** Implements round robin upstream DNS server selection. See [forward plugin](https://coredns.io/plugins/forward) for more information. */
    KnownLocalDNSForwardPolicy["RoundRobin"] = "RoundRobin";
    /** Implements random upstream DNS server selection. See [forward plugin](https://coredns.io/plugins/forward) for more information. */
    KnownLocalDNSForwardPolicy["Random"] = "Random";
})(KnownLocalDNSForwardPolicy || (KnownLocalDNSForwardPolicy = {}));
/** Policy for serving stale data. See [cache plugin](https://coredns.io/plugins/cache) for more information. */
var KnownLocalDNSServeStale;
(function (KnownLocalDNSServeStale) {
    /** Serve stale data with verification. First verify that an entry is still unavailable from the source before sending the expired entry to the client. See [cache plugin](https://coredns.io/plugins/cache) for more information. */
    KnownLocalDNSServeStale["Verify"] = "Verify";
    /** Serve stale data immediately. Send the expired entry to the client before checking to see if the entry is available from the source. See [cache plugin](https://coredns.io/plugins/cache) for more information. */
    KnownLocalDNSServeStale["Immediate"] = "Immediate";
    /** Disable serving stale data. */
    KnownLocalDNSServeStale["Disable"] = "Disable";
})(KnownLocalDNSServeStale || (KnownLocalDNSServeStale = {}));
function systemDataDeserializer(item) {
    return {
        createdBy: item["createdBy"],
        createdByType: item["createdByType"],
        createdAt: !item["createdAt"] ? item["createdAt"] : new Date(item["createdAt"]),
        lastModifiedBy: item["lastModifiedBy"],
        lastModifiedByType: item["lastModifiedByType"],
        lastModifiedAt: !item["lastModifiedAt"]
            ? item["lastModifiedAt"]
            : new Date(item["lastModifiedAt"]),
    };
}
/** The kind of entity that created the resource. */
var KnownCreatedByType;
(function (KnownCreatedByType) {
    /** The entity was created by a user. */
    KnownCreatedByType["User"] = "User";
    /** The entity was created by an application. */
    KnownCreatedByType["Application"] = "Application";
    /** The entity was created by a managed identity. */
    KnownCreatedByType["ManagedIdentity"] = "ManagedIdentity";
    /** The entity was created by a key. */
    KnownCreatedByType["Key"] = "Key";
})(KnownCreatedByType || (KnownCreatedByType = {}));
function errorResponseDeserializer(item) {
    return {
        error: !item["error"] ? item["error"] : errorDetailDeserializer(item["error"]),
    };
}
function _agentPoolListResultDeserializer(item) {
    return {
        value: agentPoolArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function agentPoolArrayDeserializer(result) {
    return result.map((item) => {
        return agentPoolDeserializer(item);
    });
}
function agentPoolDeleteMachinesParameterSerializer(item) {
    return {
        machineNames: item["machineNames"].map((p) => {
            return p;
        }),
    };
}
function agentPoolAvailableVersionsDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        ..._agentPoolAvailableVersionsPropertiesDeserializer(item["properties"]),
    };
}
function agentPoolAvailableVersionsPropertiesAgentPoolVersionsItemArrayDeserializer(result) {
    return result.map((item) => {
        return agentPoolAvailableVersionsPropertiesAgentPoolVersionsItemDeserializer(item);
    });
}
function agentPoolAvailableVersionsPropertiesAgentPoolVersionsItemDeserializer(item) {
    return {
        default: item["default"],
        kubernetesVersion: item["kubernetesVersion"],
        isPreview: item["isPreview"],
    };
}
function agentPoolUpgradeProfileDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        ..._agentPoolUpgradeProfilePropertiesDeserializer(item["properties"]),
    };
}
function agentPoolUpgradeProfilePropertiesUpgradesItemArrayDeserializer(result) {
    return result.map((item) => {
        return agentPoolUpgradeProfilePropertiesUpgradesItemDeserializer(item);
    });
}
function agentPoolUpgradeProfilePropertiesUpgradesItemDeserializer(item) {
    return {
        kubernetesVersion: item["kubernetesVersion"],
        isPreview: item["isPreview"],
    };
}
function agentPoolRecentlyUsedVersionArrayDeserializer(result) {
    return result.map((item) => {
        return agentPoolRecentlyUsedVersionDeserializer(item);
    });
}
function agentPoolRecentlyUsedVersionDeserializer(item) {
    return {
        orchestratorVersion: item["orchestratorVersion"],
        nodeImageVersion: item["nodeImageVersion"],
        timestamp: !item["timestamp"] ? item["timestamp"] : new Date(item["timestamp"]),
    };
}
function managedClusterSerializer(item) {
    return {
        tags: item["tags"],
        location: item["location"],
        properties: areAllPropsUndefined(item, [
            "kubernetesVersion",
            "dnsPrefix",
            "fqdnSubdomain",
            "agentPoolProfiles",
            "linuxProfile",
            "windowsProfile",
            "servicePrincipalProfile",
            "addonProfiles",
            "podIdentityProfile",
            "oidcIssuerProfile",
            "nodeResourceGroup",
            "nodeResourceGroupProfile",
            "enableRbac",
            "supportPlan",
            "networkProfile",
            "aadProfile",
            "autoUpgradeProfile",
            "upgradeSettings",
            "autoScalerProfile",
            "apiServerAccessProfile",
            "diskEncryptionSetID",
            "identityProfile",
            "privateLinkResources",
            "disableLocalAccounts",
            "httpProxyConfig",
            "securityProfile",
            "storageProfile",
            "ingressProfile",
            "publicNetworkAccess",
            "workloadAutoScalerProfile",
            "azureMonitorProfile",
            "serviceMeshProfile",
            "metricsProfile",
            "nodeProvisioningProfile",
            "bootstrapProfile",
            "aiToolchainOperatorProfile",
            "schedulerProfile",
            "hostedSystemProfile",
            "status",
        ])
            ? undefined
            : _managedClusterPropertiesSerializer(item),
        sku: !item["sku"] ? item["sku"] : managedClusterSKUSerializer(item["sku"]),
        extendedLocation: !item["extendedLocation"]
            ? item["extendedLocation"]
            : extendedLocationSerializer(item["extendedLocation"]),
        identity: !item["identity"]
            ? item["identity"]
            : managedClusterIdentitySerializer(item["identity"]),
        kind: item["kind"],
    };
}
function managedClusterDeserializer(item) {
    return {
        tags: !item["tags"]
            ? item["tags"]
            : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p])),
        location: item["location"],
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        ...(!item["properties"]
            ? item["properties"]
            : _managedClusterPropertiesDeserializer(item["properties"])),
        eTag: item["eTag"],
        sku: !item["sku"] ? item["sku"] : managedClusterSKUDeserializer(item["sku"]),
        extendedLocation: !item["extendedLocation"]
            ? item["extendedLocation"]
            : extendedLocationDeserializer(item["extendedLocation"]),
        identity: !item["identity"]
            ? item["identity"]
            : managedClusterIdentityDeserializer(item["identity"]),
        kind: item["kind"],
    };
}
function managedClusterAgentPoolProfileArraySerializer(result) {
    return result.map((item) => {
        return managedClusterAgentPoolProfileSerializer(item);
    });
}
function managedClusterAgentPoolProfileArrayDeserializer(result) {
    return result.map((item) => {
        return managedClusterAgentPoolProfileDeserializer(item);
    });
}
function managedClusterAgentPoolProfileSerializer(item) {
    return {
        count: item["count"],
        vmSize: item["vmSize"],
        osDiskSizeGB: item["osDiskSizeGB"],
        osDiskType: item["osDiskType"],
        kubeletDiskType: item["kubeletDiskType"],
        workloadRuntime: item["workloadRuntime"],
        messageOfTheDay: item["messageOfTheDay"],
        vnetSubnetID: item["vnetSubnetID"],
        podSubnetID: item["podSubnetID"],
        podIPAllocationMode: item["podIPAllocationMode"],
        maxPods: item["maxPods"],
        osType: item["osType"],
        osSKU: item["osSKU"],
        maxCount: item["maxCount"],
        minCount: item["minCount"],
        enableAutoScaling: item["enableAutoScaling"],
        scaleDownMode: item["scaleDownMode"],
        type: item["type"],
        mode: item["mode"],
        orchestratorVersion: item["orchestratorVersion"],
        nodeImageVersion: item["nodeImageVersion"],
        upgradeSettings: !item["upgradeSettings"]
            ? item["upgradeSettings"]
            : agentPoolUpgradeSettingsSerializer(item["upgradeSettings"]),
        powerState: !item["powerState"] ? item["powerState"] : powerStateSerializer(item["powerState"]),
        availabilityZones: !item["availabilityZones"]
            ? item["availabilityZones"]
            : item["availabilityZones"].map((p) => {
                return p;
            }),
        enableNodePublicIP: item["enableNodePublicIP"],
        nodePublicIPPrefixID: item["nodePublicIPPrefixID"],
        scaleSetPriority: item["scaleSetPriority"],
        scaleSetEvictionPolicy: item["scaleSetEvictionPolicy"],
        spotMaxPrice: item["spotMaxPrice"],
        tags: item["tags"],
        nodeLabels: item["nodeLabels"],
        nodeTaints: !item["nodeTaints"]
            ? item["nodeTaints"]
            : item["nodeTaints"].map((p) => {
                return p;
            }),
        proximityPlacementGroupID: item["proximityPlacementGroupID"],
        kubeletConfig: !item["kubeletConfig"]
            ? item["kubeletConfig"]
            : kubeletConfigSerializer(item["kubeletConfig"]),
        linuxOSConfig: !item["linuxOSConfig"]
            ? item["linuxOSConfig"]
            : linuxOSConfigSerializer(item["linuxOSConfig"]),
        enableEncryptionAtHost: item["enableEncryptionAtHost"],
        enableUltraSSD: item["enableUltraSSD"],
        enableFIPS: item["enableFips"],
        gpuInstanceProfile: item["gpuInstanceProfile"],
        creationData: !item["creationData"]
            ? item["creationData"]
            : creationDataSerializer(item["creationData"]),
        capacityReservationGroupID: item["capacityReservationGroupID"],
        hostGroupID: item["hostGroupID"],
        networkProfile: !item["networkProfile"]
            ? item["networkProfile"]
            : agentPoolNetworkProfileSerializer(item["networkProfile"]),
        windowsProfile: !item["windowsProfile"]
            ? item["windowsProfile"]
            : agentPoolWindowsProfileSerializer(item["windowsProfile"]),
        securityProfile: !item["securityProfile"]
            ? item["securityProfile"]
            : agentPoolSecurityProfileSerializer(item["securityProfile"]),
        gpuProfile: !item["gpuProfile"] ? item["gpuProfile"] : gpuProfileSerializer(item["gpuProfile"]),
        gatewayProfile: !item["gatewayProfile"]
            ? item["gatewayProfile"]
            : agentPoolGatewayProfileSerializer(item["gatewayProfile"]),
        artifactStreamingProfile: !item["artifactStreamingProfile"]
            ? item["artifactStreamingProfile"]
            : agentPoolArtifactStreamingProfileSerializer(item["artifactStreamingProfile"]),
        virtualMachinesProfile: !item["virtualMachinesProfile"]
            ? item["virtualMachinesProfile"]
            : virtualMachinesProfileSerializer(item["virtualMachinesProfile"]),
        virtualMachineNodesStatus: !item["virtualMachineNodesStatus"]
            ? item["virtualMachineNodesStatus"]
            : virtualMachineNodesArraySerializer(item["virtualMachineNodesStatus"]),
        status: !item["status"] ? item["status"] : agentPoolStatusSerializer(item["status"]),
        localDNSProfile: !item["localDNSProfile"]
            ? item["localDNSProfile"]
            : localDNSProfileSerializer(item["localDNSProfile"]),
        name: item["name"],
    };
}
function managedClusterAgentPoolProfileDeserializer(item) {
    return {
        eTag: item["eTag"],
        count: item["count"],
        vmSize: item["vmSize"],
        osDiskSizeGB: item["osDiskSizeGB"],
        osDiskType: item["osDiskType"],
        kubeletDiskType: item["kubeletDiskType"],
        workloadRuntime: item["workloadRuntime"],
        messageOfTheDay: item["messageOfTheDay"],
        vnetSubnetID: item["vnetSubnetID"],
        podSubnetID: item["podSubnetID"],
        podIPAllocationMode: item["podIPAllocationMode"],
        maxPods: item["maxPods"],
        osType: item["osType"],
        osSKU: item["osSKU"],
        maxCount: item["maxCount"],
        minCount: item["minCount"],
        enableAutoScaling: item["enableAutoScaling"],
        scaleDownMode: item["scaleDownMode"],
        type: item["type"],
        mode: item["mode"],
        orchestratorVersion: item["orchestratorVersion"],
        currentOrchestratorVersion: item["currentOrchestratorVersion"],
        nodeImageVersion: item["nodeImageVersion"],
        upgradeSettings: !item["upgradeSettings"]
            ? item["upgradeSettings"]
            : agentPoolUpgradeSettingsDeserializer(item["upgradeSettings"]),
        provisioningState: item["provisioningState"],
        powerState: !item["powerState"]
            ? item["powerState"]
            : powerStateDeserializer(item["powerState"]),
        availabilityZones: !item["availabilityZones"]
            ? item["availabilityZones"]
            : item["availabilityZones"].map((p) => {
                return p;
            }),
        enableNodePublicIP: item["enableNodePublicIP"],
        nodePublicIPPrefixID: item["nodePublicIPPrefixID"],
        scaleSetPriority: item["scaleSetPriority"],
        scaleSetEvictionPolicy: item["scaleSetEvictionPolicy"],
        spotMaxPrice: item["spotMaxPrice"],
        tags: !item["tags"]
            ? item["tags"]
            : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p])),
        nodeLabels: !item["nodeLabels"]
            ? item["nodeLabels"]
            : Object.fromEntries(Object.entries(item["nodeLabels"]).map(([k, p]) => [k, p])),
        nodeTaints: !item["nodeTaints"]
            ? item["nodeTaints"]
            : item["nodeTaints"].map((p) => {
                return p;
            }),
        proximityPlacementGroupID: item["proximityPlacementGroupID"],
        kubeletConfig: !item["kubeletConfig"]
            ? item["kubeletConfig"]
            : kubeletConfigDeserializer(item["kubeletConfig"]),
        linuxOSConfig: !item["linuxOSConfig"]
            ? item["linuxOSConfig"]
            : linuxOSConfigDeserializer(item["linuxOSConfig"]),
        enableEncryptionAtHost: item["enableEncryptionAtHost"],
        enableUltraSSD: item["enableUltraSSD"],
        enableFips: item["enableFIPS"],
        gpuInstanceProfile: item["gpuInstanceProfile"],
        creationData: !item["creationData"]
            ? item["creationData"]
            : creationDataDeserializer(item["creationData"]),
        capacityReservationGroupID: item["capacityReservationGroupID"],
        hostGroupID: item["hostGroupID"],
        networkProfile: !item["networkProfile"]
            ? item["networkProfile"]
            : agentPoolNetworkProfileDeserializer(item["networkProfile"]),
        windowsProfile: !item["windowsProfile"]
            ? item["windowsProfile"]
            : agentPoolWindowsProfileDeserializer(item["windowsProfile"]),
        securityProfile: !item["securityProfile"]
            ? item["securityProfile"]
            : agentPoolSecurityProfileDeserializer(item["securityProfile"]),
        gpuProfile: !item["gpuProfile"]
            ? item["gpuProfile"]
            : gpuProfileDeserializer(item["gpuProfile"]),
        gatewayProfile: !item["gatewayProfile"]
            ? item["gatewayProfile"]
            : agentPoolGatewayProfileDeserializer(item["gatewayProfile"]),
        artifactStreamingProfile: !item["artifactStreamingProfile"]
            ? item["artifactStreamingProfile"]
            : agentPoolArtifactStreamingProfileDeserializer(item["artifactStreamingProfile"]),
        virtualMachinesProfile: !item["virtualMachinesProfile"]
            ? item["virtualMachinesProfile"]
            : virtualMachinesProfileDeserializer(item["virtualMachinesProfile"]),
        virtualMachineNodesStatus: !item["virtualMachineNodesStatus"]
            ? item["virtualMachineNodesStatus"]
            : virtualMachineNodesArrayDeserializer(item["virtualMachineNodesStatus"]),
        status: !item["status"] ? item["status"] : agentPoolStatusDeserializer(item["status"]),
        localDNSProfile: !item["localDNSProfile"]
            ? item["localDNSProfile"]
            : localDNSProfileDeserializer(item["localDNSProfile"]),
        name: item["name"],
    };
}
function containerServiceLinuxProfileSerializer(item) {
    return {
        adminUsername: item["adminUsername"],
        ssh: containerServiceSshConfigurationSerializer(item["ssh"]),
    };
}
function containerServiceLinuxProfileDeserializer(item) {
    return {
        adminUsername: item["adminUsername"],
        ssh: containerServiceSshConfigurationDeserializer(item["ssh"]),
    };
}
function containerServiceSshConfigurationSerializer(item) {
    return { publicKeys: containerServiceSshPublicKeyArraySerializer(item["publicKeys"]) };
}
function containerServiceSshConfigurationDeserializer(item) {
    return {
        publicKeys: containerServiceSshPublicKeyArrayDeserializer(item["publicKeys"]),
    };
}
function containerServiceSshPublicKeyArraySerializer(result) {
    return result.map((item) => {
        return containerServiceSshPublicKeySerializer(item);
    });
}
function containerServiceSshPublicKeyArrayDeserializer(result) {
    return result.map((item) => {
        return containerServiceSshPublicKeyDeserializer(item);
    });
}
function containerServiceSshPublicKeySerializer(item) {
    return { keyData: item["keyData"] };
}
function containerServiceSshPublicKeyDeserializer(item) {
    return {
        keyData: item["keyData"],
    };
}
function managedClusterWindowsProfileSerializer(item) {
    return {
        adminUsername: item["adminUsername"],
        adminPassword: item["adminPassword"],
        licenseType: item["licenseType"],
        enableCSIProxy: item["enableCSIProxy"],
        gmsaProfile: !item["gmsaProfile"]
            ? item["gmsaProfile"]
            : windowsGmsaProfileSerializer(item["gmsaProfile"]),
    };
}
function managedClusterWindowsProfileDeserializer(item) {
    return {
        adminUsername: item["adminUsername"],
        adminPassword: item["adminPassword"],
        licenseType: item["licenseType"],
        enableCSIProxy: item["enableCSIProxy"],
        gmsaProfile: !item["gmsaProfile"]
            ? item["gmsaProfile"]
            : windowsGmsaProfileDeserializer(item["gmsaProfile"]),
    };
}
/** The license type to use for Windows VMs. See [Azure Hybrid User Benefits](https://azure.microsoft.com/pricing/hybrid-benefit/faq/) for more details. */
var KnownLicenseType;
(function (KnownLicenseType) {
    /** No additional licensing is applied. */
    KnownLicenseType["None"] = "None";
    /** Enables Azure Hybrid User Benefits for Windows VMs. */
    KnownLicenseType["WindowsServer"] = "Windows_Server";
})(KnownLicenseType || (KnownLicenseType = {}));
function windowsGmsaProfileSerializer(item) {
    return {
        enabled: item["enabled"],
        dnsServer: item["dnsServer"],
        rootDomainName: item["rootDomainName"],
    };
}
function windowsGmsaProfileDeserializer(item) {
    return {
        enabled: item["enabled"],
        dnsServer: item["dnsServer"],
        rootDomainName: item["rootDomainName"],
    };
}
function managedClusterServicePrincipalProfileSerializer(item) {
    return { clientId: item["clientId"], secret: item["secret"] };
}
function managedClusterServicePrincipalProfileDeserializer(item) {
    return {
        clientId: item["clientId"],
        secret: item["secret"],
    };
}
function managedClusterAddonProfileRecordSerializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key] ? item[key] : managedClusterAddonProfileSerializer(item[key]);
    });
    return result;
}
function managedClusterAddonProfileRecordDeserializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key] ? item[key] : managedClusterAddonProfileDeserializer(item[key]);
    });
    return result;
}
function managedClusterAddonProfileSerializer(item) {
    return { enabled: item["enabled"], config: item["config"] };
}
function managedClusterAddonProfileDeserializer(item) {
    return {
        enabled: item["enabled"],
        config: !item["config"]
            ? item["config"]
            : Object.fromEntries(Object.entries(item["config"]).map(([k, p]) => [k, p])),
        identity: !item["identity"]
            ? item["identity"]
            : managedClusterAddonProfileIdentityDeserializer(item["identity"]),
    };
}
function managedClusterAddonProfileIdentityDeserializer(item) {
    return {
        resourceId: item["resourceId"],
        clientId: item["clientId"],
        objectId: item["objectId"],
    };
}
function managedClusterPodIdentityProfileSerializer(item) {
    return {
        enabled: item["enabled"],
        allowNetworkPluginKubenet: item["allowNetworkPluginKubenet"],
        userAssignedIdentities: !item["userAssignedIdentities"]
            ? item["userAssignedIdentities"]
            : managedClusterPodIdentityArraySerializer(item["userAssignedIdentities"]),
        userAssignedIdentityExceptions: !item["userAssignedIdentityExceptions"]
            ? item["userAssignedIdentityExceptions"]
            : managedClusterPodIdentityExceptionArraySerializer(item["userAssignedIdentityExceptions"]),
    };
}
function managedClusterPodIdentityProfileDeserializer(item) {
    return {
        enabled: item["enabled"],
        allowNetworkPluginKubenet: item["allowNetworkPluginKubenet"],
        userAssignedIdentities: !item["userAssignedIdentities"]
            ? item["userAssignedIdentities"]
            : managedClusterPodIdentityArrayDeserializer(item["userAssignedIdentities"]),
        userAssignedIdentityExceptions: !item["userAssignedIdentityExceptions"]
            ? item["userAssignedIdentityExceptions"]
            : managedClusterPodIdentityExceptionArrayDeserializer(item["userAssignedIdentityExceptions"]),
    };
}
function managedClusterPodIdentityArraySerializer(result) {
    return result.map((item) => {
        return managedClusterPodIdentitySerializer(item);
    });
}
function managedClusterPodIdentityArrayDeserializer(result) {
    return result.map((item) => {
        return managedClusterPodIdentityDeserializer(item);
    });
}
function managedClusterPodIdentitySerializer(item) {
    return {
        name: item["name"],
        namespace: item["namespace"],
        bindingSelector: item["bindingSelector"],
        identity: userAssignedIdentitySerializer(item["identity"]),
    };
}
function managedClusterPodIdentityDeserializer(item) {
    return {
        name: item["name"],
        namespace: item["namespace"],
        bindingSelector: item["bindingSelector"],
        identity: userAssignedIdentityDeserializer(item["identity"]),
        provisioningState: item["provisioningState"],
        provisioningInfo: !item["provisioningInfo"]
            ? item["provisioningInfo"]
            : managedClusterPodIdentityProvisioningInfoDeserializer(item["provisioningInfo"]),
    };
}
function userAssignedIdentitySerializer(item) {
    return { resourceId: item["resourceId"], clientId: item["clientId"], objectId: item["objectId"] };
}
function userAssignedIdentityDeserializer(item) {
    return {
        resourceId: item["resourceId"],
        clientId: item["clientId"],
        objectId: item["objectId"],
    };
}
/** The current provisioning state of the pod identity. */
var KnownManagedClusterPodIdentityProvisioningState;
(function (KnownManagedClusterPodIdentityProvisioningState) {
    /** Pod identity is assigned. */
    KnownManagedClusterPodIdentityProvisioningState["Assigned"] = "Assigned";
    /** Pod identity assignment was canceled. */
    KnownManagedClusterPodIdentityProvisioningState["Canceled"] = "Canceled";
    /** Pod identity is being deleted. */
    KnownManagedClusterPodIdentityProvisioningState["Deleting"] = "Deleting";
    /** Pod identity assignment failed. */
    KnownManagedClusterPodIdentityProvisioningState["Failed"] = "Failed";
    /** Pod identity assignment succeeded. */
    KnownManagedClusterPodIdentityProvisioningState["Succeeded"] = "Succeeded";
    /** Pod identity is being updated. */
    KnownManagedClusterPodIdentityProvisioningState["Updating"] = "Updating";
})(KnownManagedClusterPodIdentityProvisioningState || (KnownManagedClusterPodIdentityProvisioningState = {}));
function managedClusterPodIdentityProvisioningInfoDeserializer(item) {
    return {
        error: !item["error"]
            ? item["error"]
            : managedClusterPodIdentityProvisioningErrorDeserializer(item["error"]),
    };
}
function managedClusterPodIdentityProvisioningErrorDeserializer(item) {
    return {
        error: !item["error"]
            ? item["error"]
            : managedClusterPodIdentityProvisioningErrorBodyDeserializer(item["error"]),
    };
}
function managedClusterPodIdentityProvisioningErrorBodyDeserializer(item) {
    return {
        code: item["code"],
        message: item["message"],
        target: item["target"],
        details: !item["details"]
            ? item["details"]
            : managedClusterPodIdentityProvisioningErrorBodyArrayDeserializer(item["details"]),
    };
}
function managedClusterPodIdentityProvisioningErrorBodyArrayDeserializer(result) {
    return result.map((item) => {
        return managedClusterPodIdentityProvisioningErrorBodyDeserializer(item);
    });
}
function managedClusterPodIdentityExceptionArraySerializer(result) {
    return result.map((item) => {
        return managedClusterPodIdentityExceptionSerializer(item);
    });
}
function managedClusterPodIdentityExceptionArrayDeserializer(result) {
    return result.map((item) => {
        return managedClusterPodIdentityExceptionDeserializer(item);
    });
}
function managedClusterPodIdentityExceptionSerializer(item) {
    return { name: item["name"], namespace: item["namespace"], podLabels: item["podLabels"] };
}
function managedClusterPodIdentityExceptionDeserializer(item) {
    return {
        name: item["name"],
        namespace: item["namespace"],
        podLabels: Object.fromEntries(Object.entries(item["podLabels"]).map(([k, p]) => [k, p])),
    };
}
function managedClusterOidcIssuerProfileSerializer(item) {
    return { enabled: item["enabled"] };
}
function managedClusterOidcIssuerProfileDeserializer(item) {
    return {
        issuerURL: item["issuerURL"],
        enabled: item["enabled"],
    };
}
function managedClusterNodeResourceGroupProfileSerializer(item) {
    return { restrictionLevel: item["restrictionLevel"] };
}
function managedClusterNodeResourceGroupProfileDeserializer(item) {
    return {
        restrictionLevel: item["restrictionLevel"],
    };
}
/** The restriction level applied to the cluster's node resource group. If not specified, the default is 'Unrestricted' */
var KnownRestrictionLevel;
(function (KnownRestrictionLevel) {
    /** All RBAC permissions are allowed on the managed node resource group */
    KnownRestrictionLevel["Unrestricted"] = "Unrestricted";
    /** Only \*\/read RBAC permissions allowed on the managed node resource group */
    KnownRestrictionLevel["ReadOnly"] = "ReadOnly";
})(KnownRestrictionLevel || (KnownRestrictionLevel = {}));
/** Different support tiers for AKS managed clusters */
var KnownKubernetesSupportPlan;
(function (KnownKubernetesSupportPlan) {
    /** Support for the version is the same as for the open source Kubernetes offering. Official Kubernetes open source community support versions for 1 year after release. */
    KnownKubernetesSupportPlan["KubernetesOfficial"] = "KubernetesOfficial";
    /** Support for the version extended past the KubernetesOfficial support of 1 year. AKS continues to patch CVEs for another 1 year, for a total of 2 years of support. */
    KnownKubernetesSupportPlan["AKSLongTermSupport"] = "AKSLongTermSupport";
})(KnownKubernetesSupportPlan || (KnownKubernetesSupportPlan = {}));
function containerServiceNetworkProfileSerializer(item) {
    return {
        networkPlugin: item["networkPlugin"],
        networkPluginMode: item["networkPluginMode"],
        networkPolicy: item["networkPolicy"],
        networkMode: item["networkMode"],
        networkDataplane: item["networkDataplane"],
        advancedNetworking: !item["advancedNetworking"]
            ? item["advancedNetworking"]
            : advancedNetworkingSerializer(item["advancedNetworking"]),
        podCidr: item["podCidr"],
        serviceCidr: item["serviceCidr"],
        dnsServiceIP: item["dnsServiceIP"],
        outboundType: item["outboundType"],
        loadBalancerSku: item["loadBalancerSku"],
        loadBalancerProfile: !item["loadBalancerProfile"]
            ? item["loadBalancerProfile"]
            : managedClusterLoadBalancerProfileSerializer(item["loadBalancerProfile"]),
        natGatewayProfile: !item["natGatewayProfile"]
            ? item["natGatewayProfile"]
            : managedClusterNATGatewayProfileSerializer(item["natGatewayProfile"]),
        staticEgressGatewayProfile: !item["staticEgressGatewayProfile"]
            ? item["staticEgressGatewayProfile"]
            : managedClusterStaticEgressGatewayProfileSerializer(item["staticEgressGatewayProfile"]),
        podCidrs: !item["podCidrs"]
            ? item["podCidrs"]
            : item["podCidrs"].map((p) => {
                return p;
            }),
        serviceCidrs: !item["serviceCidrs"]
            ? item["serviceCidrs"]
            : item["serviceCidrs"].map((p) => {
                return p;
            }),
        ipFamilies: !item["ipFamilies"]
            ? item["ipFamilies"]
            : item["ipFamilies"].map((p) => {
                return p;
            }),
    };
}
function containerServiceNetworkProfileDeserializer(item) {
    return {
        networkPlugin: item["networkPlugin"],
        networkPluginMode: item["networkPluginMode"],
        networkPolicy: item["networkPolicy"],
        networkMode: item["networkMode"],
        networkDataplane: item["networkDataplane"],
        advancedNetworking: !item["advancedNetworking"]
            ? item["advancedNetworking"]
            : advancedNetworkingDeserializer(item["advancedNetworking"]),
        podCidr: item["podCidr"],
        serviceCidr: item["serviceCidr"],
        dnsServiceIP: item["dnsServiceIP"],
        outboundType: item["outboundType"],
        loadBalancerSku: item["loadBalancerSku"],
        loadBalancerProfile: !item["loadBalancerProfile"]
            ? item["loadBalancerProfile"]
            : managedClusterLoadBalancerProfileDeserializer(item["loadBalancerProfile"]),
        natGatewayProfile: !item["natGatewayProfile"]
            ? item["natGatewayProfile"]
            : managedClusterNATGatewayProfileDeserializer(item["natGatewayProfile"]),
        staticEgressGatewayProfile: !item["staticEgressGatewayProfile"]
            ? item["staticEgressGatewayProfile"]
            : managedClusterStaticEgressGatewayProfileDeserializer(item["staticEgressGatewayProfile"]),
        podCidrs: !item["podCidrs"]
            ? item["podCidrs"]
            : item["podCidrs"].map((p) => {
                return p;
            }),
        serviceCidrs: !item["serviceCidrs"]
            ? item["serviceCidrs"]
            : item["serviceCidrs"].map((p) => {
                return p;
            }),
        ipFamilies: !item["ipFamilies"]
            ? item["ipFamilies"]
            : item["ipFamilies"].map((p) => {
                return p;
            }),
    };
}
/** Network plugin used for building the Kubernetes network. */
var KnownNetworkPlugin;
(function (KnownNetworkPlugin) {
    /** Use the Azure CNI network plugin. See [Azure CNI (advanced) networking](https://docs.microsoft.com/azure/aks/concepts-network#azure-cni-advanced-networking) for more information. */
    KnownNetworkPlugin["Azure"] = "azure";
    /** Use the Kubenet network plugin. See [Kubenet (basic) networking](https://docs.microsoft.com/azure/aks/concepts-network#kubenet-basic-networking) for more information. */
    KnownNetworkPlugin["Kubenet"] = "kubenet";
    /** No CNI plugin is pre-installed. See [BYO CNI](https://docs.microsoft.com/en-us/azure/aks/use-byo-cni) for more information. */
    KnownNetworkPlugin["None"] = "none";
})(KnownNetworkPlugin || (KnownNetworkPlugin = {}));
/** The mode the network plugin should use. */
var KnownNetworkPluginMode;
(function (KnownNetworkPluginMode) {
    /** Used with networkPlugin=azure, pods are given IPs from the PodCIDR address space but use Azure Routing Domains rather than Kubenet's method of route tables. For more information visit https://aka.ms/aks/azure-cni-overlay. */
    KnownNetworkPluginMode["Overlay"] = "overlay";
})(KnownNetworkPluginMode || (KnownNetworkPluginMode = {}));
/** Network policy used for building the Kubernetes network. */
var KnownNetworkPolicy;
(function (KnownNetworkPolicy) {
    /** Network policies will not be enforced. This is the default value when NetworkPolicy is not specified. */
    KnownNetworkPolicy["None"] = "none";
    /** Use Calico network policies. See [differences between Azure and Calico policies](https://docs.microsoft.com/azure/aks/use-network-policies#differences-between-azure-and-calico-policies-and-their-capabilities) for more information. */
    KnownNetworkPolicy["Calico"] = "calico";
    /** Use Azure network policies. See [differences between Azure and Calico policies](https://docs.microsoft.com/azure/aks/use-network-policies#differences-between-azure-and-calico-policies-and-their-capabilities) for more information. */
    KnownNetworkPolicy["Azure"] = "azure";
    /** Use Cilium to enforce network policies. This requires networkDataplane to be 'cilium'. */
    KnownNetworkPolicy["Cilium"] = "cilium";
})(KnownNetworkPolicy || (KnownNetworkPolicy = {}));
/** The network mode Azure CNI is configured with. This cannot be specified if networkPlugin is anything other than 'azure'. */
var KnownNetworkMode;
(function (KnownNetworkMode) {
    /** No bridge is created. Intra-VM Pod to Pod communication is through IP routes created by Azure CNI. See [Transparent Mode](https://docs.microsoft.com/azure/aks/faq#transparent-mode) for more information. */
    KnownNetworkMode["Transparent"] = "transparent";
    /** This is no longer supported */
    KnownNetworkMode["Bridge"] = "bridge";
})(KnownNetworkMode || (KnownNetworkMode = {}));
/** Network dataplane used in the Kubernetes cluster. */
var KnownNetworkDataplane;
(function (KnownNetworkDataplane) {
    /** Use Azure network dataplane. */
    KnownNetworkDataplane["Azure"] = "azure";
    /** Use Cilium network dataplane. See [Azure CNI Powered by Cilium](https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium) for more information. */
    KnownNetworkDataplane["Cilium"] = "cilium";
})(KnownNetworkDataplane || (KnownNetworkDataplane = {}));
function advancedNetworkingSerializer(item) {
    return {
        enabled: item["enabled"],
        observability: !item["observability"]
            ? item["observability"]
            : advancedNetworkingObservabilitySerializer(item["observability"]),
        security: !item["security"]
            ? item["security"]
            : advancedNetworkingSecuritySerializer(item["security"]),
        performance: !item["performance"]
            ? item["performance"]
            : advancedNetworkingPerformanceSerializer(item["performance"]),
    };
}
function advancedNetworkingDeserializer(item) {
    return {
        enabled: item["enabled"],
        observability: !item["observability"]
            ? item["observability"]
            : advancedNetworkingObservabilityDeserializer(item["observability"]),
        security: !item["security"]
            ? item["security"]
            : advancedNetworkingSecurityDeserializer(item["security"]),
        performance: !item["performance"]
            ? item["performance"]
            : advancedNetworkingPerformanceDeserializer(item["performance"]),
    };
}
function advancedNetworkingObservabilitySerializer(item) {
    return { enabled: item["enabled"] };
}
function advancedNetworkingObservabilityDeserializer(item) {
    return {
        enabled: item["enabled"],
    };
}
function advancedNetworkingSecuritySerializer(item) {
    return {
        enabled: item["enabled"],
        advancedNetworkPolicies: item["advancedNetworkPolicies"],
        transitEncryption: !item["transitEncryption"]
            ? item["transitEncryption"]
            : advancedNetworkingSecurityTransitEncryptionSerializer(item["transitEncryption"]),
    };
}
function advancedNetworkingSecurityDeserializer(item) {
    return {
        enabled: item["enabled"],
        advancedNetworkPolicies: item["advancedNetworkPolicies"],
        transitEncryption: !item["transitEncryption"]
            ? item["transitEncryption"]
            : advancedNetworkingSecurityTransitEncryptionDeserializer(item["transitEncryption"]),
    };
}
/** Enable advanced network policies. This allows users to configure Layer 7 network policies (FQDN, HTTP, Kafka). Policies themselves must be configured via the Cilium Network Policy resources, see https://docs.cilium.io/en/latest/security/policy/index.html. This can be enabled only on cilium-based clusters. If not specified, the default value is FQDN if security.enabled is set to true. */
var KnownAdvancedNetworkPolicies;
(function (KnownAdvancedNetworkPolicies) {
    /** Enable Layer7 network policies (FQDN, HTTP/S, Kafka). This option is a superset of the FQDN option. */
    KnownAdvancedNetworkPolicies["L7"] = "L7";
    /** Enable FQDN based network policies */
    KnownAdvancedNetworkPolicies["Fqdn"] = "FQDN";
    /** Disable Layer 7 network policies (FQDN, HTTP/S, Kafka) */
    KnownAdvancedNetworkPolicies["None"] = "None";
})(KnownAdvancedNetworkPolicies || (KnownAdvancedNetworkPolicies = {}));
function advancedNetworkingSecurityTransitEncryptionSerializer(item) {
    return { type: item["type"] };
}
function advancedNetworkingSecurityTransitEncryptionDeserializer(item) {
    return {
        type: item["type"],
    };
}
/** Configures pod-to-pod encryption. This can be enabled only on Cilium-based clusters. If not specified, the default value is None. */
var KnownTransitEncryptionType;
(function (KnownTransitEncryptionType) {
    /** Enable WireGuard encryption. Refer to https://docs.cilium.io/en/latest/security/network/encryption-wireguard/ on use cases and implementation details */
    KnownTransitEncryptionType["WireGuard"] = "WireGuard";
    /** Disable Transit encryption */
    KnownTransitEncryptionType["None"] = "None";
})(KnownTransitEncryptionType || (KnownTransitEncryptionType = {}));
function advancedNetworkingPerformanceSerializer(item) {
    return { accelerationMode: item["accelerationMode"] };
}
function advancedNetworkingPerformanceDeserializer(item) {
    return {
        accelerationMode: item["accelerationMode"],
    };
}
/** Enable advanced network acceleration options. This allows users to configure acceleration using BPF host routing. This can be enabled only with Cilium dataplane. If not specified, the default value is None (no acceleration). The acceleration mode can be changed on a pre-existing cluster. See https://aka.ms/acnsperformance for a detailed explanation */
var KnownAccelerationMode;
(function (KnownAccelerationMode) {
    /** Enable eBPF host routing with veth device mode. */
    KnownAccelerationMode["BpfVeth"] = "BpfVeth";
    /** Disable acceleration options. */
    KnownAccelerationMode["None"] = "None";
})(KnownAccelerationMode || (KnownAccelerationMode = {}));
/** The outbound (egress) routing method. This can only be set at cluster creation time and cannot be changed later. For more information see [egress outbound type](https://docs.microsoft.com/azure/aks/egress-outboundtype). */
var KnownOutboundType;
(function (KnownOutboundType) {
    /** The load balancer is used for egress through an AKS assigned public IP. This supports Kubernetes services of type 'loadBalancer'. For more information see [outbound type loadbalancer](https://docs.microsoft.com/azure/aks/egress-outboundtype#outbound-type-of-loadbalancer). */
    KnownOutboundType["LoadBalancer"] = "loadBalancer";
    /** Egress paths must be defined by the user. This is an advanced scenario and requires proper network configuration. For more information see [outbound type userDefinedRouting](https://docs.microsoft.com/azure/aks/egress-outboundtype#outbound-type-of-userdefinedrouting). */
    KnownOutboundType["UserDefinedRouting"] = "userDefinedRouting";
    /** The AKS-managed NAT gateway is used for egress. */
    KnownOutboundType["ManagedNATGateway"] = "managedNATGateway";
    /** The user-assigned NAT gateway associated to the cluster subnet is used for egress. This is an advanced scenario and requires proper network configuration. */
    KnownOutboundType["UserAssignedNATGateway"] = "userAssignedNATGateway";
    /** The AKS cluster is not set with any outbound-type. All AKS nodes follows Azure VM default outbound behavior. Please refer to https://azure.microsoft.com/en-us/updates/default-outbound-access-for-vms-in-azure-will-be-retired-transition-to-a-new-method-of-internet-access/ */
    KnownOutboundType["None"] = "none";
})(KnownOutboundType || (KnownOutboundType = {}));
/** The load balancer sku for the managed cluster. The default is 'standard'. See [Azure Load Balancer SKUs](https://docs.microsoft.com/azure/load-balancer/skus) for more information about the differences between load balancer SKUs. */
var KnownLoadBalancerSku;
(function (KnownLoadBalancerSku) {
    /** Use a a standard Load Balancer. This is the recommended Load Balancer SKU. For more information about on working with the load balancer in the managed cluster, see the [standard Load Balancer](https://docs.microsoft.com/azure/aks/load-balancer-standard) article. */
    KnownLoadBalancerSku["Standard"] = "standard";
    /** Use a basic Load Balancer with limited functionality. */
    KnownLoadBalancerSku["Basic"] = "basic";
})(KnownLoadBalancerSku || (KnownLoadBalancerSku = {}));
function managedClusterLoadBalancerProfileSerializer(item) {
    return {
        managedOutboundIPs: !item["managedOutboundIPs"]
            ? item["managedOutboundIPs"]
            : managedClusterLoadBalancerProfileManagedOutboundIPsSerializer(item["managedOutboundIPs"]),
        outboundIPPrefixes: !item["outboundIPPrefixes"]
            ? item["outboundIPPrefixes"]
            : managedClusterLoadBalancerProfileOutboundIPPrefixesSerializer(item["outboundIPPrefixes"]),
        outboundIPs: !item["outboundIPs"]
            ? item["outboundIPs"]
            : managedClusterLoadBalancerProfileOutboundIPsSerializer(item["outboundIPs"]),
        allocatedOutboundPorts: item["allocatedOutboundPorts"],
        idleTimeoutInMinutes: item["idleTimeoutInMinutes"],
        enableMultipleStandardLoadBalancers: item["enableMultipleStandardLoadBalancers"],
        backendPoolType: item["backendPoolType"],
    };
}
function managedClusterLoadBalancerProfileDeserializer(item) {
    return {
        managedOutboundIPs: !item["managedOutboundIPs"]
            ? item["managedOutboundIPs"]
            : managedClusterLoadBalancerProfileManagedOutboundIPsDeserializer(item["managedOutboundIPs"]),
        outboundIPPrefixes: !item["outboundIPPrefixes"]
            ? item["outboundIPPrefixes"]
            : managedClusterLoadBalancerProfileOutboundIPPrefixesDeserializer(item["outboundIPPrefixes"]),
        outboundIPs: !item["outboundIPs"]
            ? item["outboundIPs"]
            : managedClusterLoadBalancerProfileOutboundIPsDeserializer(item["outboundIPs"]),
        effectiveOutboundIPs: !item["effectiveOutboundIPs"]
            ? item["effectiveOutboundIPs"]
            : resourceReferenceArrayDeserializer(item["effectiveOutboundIPs"]),
        allocatedOutboundPorts: item["allocatedOutboundPorts"],
        idleTimeoutInMinutes: item["idleTimeoutInMinutes"],
        enableMultipleStandardLoadBalancers: item["enableMultipleStandardLoadBalancers"],
        backendPoolType: item["backendPoolType"],
    };
}
function managedClusterLoadBalancerProfileManagedOutboundIPsSerializer(item) {
    return { count: item["count"], countIPv6: item["countIPv6"] };
}
function managedClusterLoadBalancerProfileManagedOutboundIPsDeserializer(item) {
    return {
        count: item["count"],
        countIPv6: item["countIPv6"],
    };
}
function managedClusterLoadBalancerProfileOutboundIPPrefixesSerializer(item) {
    return {
        publicIPPrefixes: !item["publicIPPrefixes"]
            ? item["publicIPPrefixes"]
            : resourceReferenceArraySerializer(item["publicIPPrefixes"]),
    };
}
function managedClusterLoadBalancerProfileOutboundIPPrefixesDeserializer(item) {
    return {
        publicIPPrefixes: !item["publicIPPrefixes"]
            ? item["publicIPPrefixes"]
            : resourceReferenceArrayDeserializer(item["publicIPPrefixes"]),
    };
}
function resourceReferenceArraySerializer(result) {
    return result.map((item) => {
        return resourceReferenceSerializer(item);
    });
}
function resourceReferenceArrayDeserializer(result) {
    return result.map((item) => {
        return resourceReferenceDeserializer(item);
    });
}
function resourceReferenceSerializer(item) {
    return { id: item["id"] };
}
function resourceReferenceDeserializer(item) {
    return {
        id: item["id"],
    };
}
function managedClusterLoadBalancerProfileOutboundIPsSerializer(item) {
    return {
        publicIPs: !item["publicIPs"]
            ? item["publicIPs"]
            : resourceReferenceArraySerializer(item["publicIPs"]),
    };
}
function managedClusterLoadBalancerProfileOutboundIPsDeserializer(item) {
    return {
        publicIPs: !item["publicIPs"]
            ? item["publicIPs"]
            : resourceReferenceArrayDeserializer(item["publicIPs"]),
    };
}
/** The type of the managed inbound Load Balancer BackendPool. */
var KnownBackendPoolType;
(function (KnownBackendPoolType) {
    /** The type of the managed inbound Load Balancer BackendPool. https://cloud-provider-azure.sigs.k8s.io/topics/loadbalancer/#configure-load-balancer-backend. */
    KnownBackendPoolType["NodeIPConfiguration"] = "NodeIPConfiguration";
    /** The type of the managed inbound Load Balancer BackendPool. https://cloud-provider-azure.sigs.k8s.io/topics/loadbalancer/#configure-load-balancer-backend. */
    KnownBackendPoolType["NodeIP"] = "NodeIP";
})(KnownBackendPoolType || (KnownBackendPoolType = {}));
function managedClusterNATGatewayProfileSerializer(item) {
    return {
        sku: item["sku"],
        managedOutboundIPProfile: !item["managedOutboundIPProfile"]
            ? item["managedOutboundIPProfile"]
            : managedClusterManagedOutboundIPProfileSerializer(item["managedOutboundIPProfile"]),
        outboundIPPrefixes: !item["outboundIPPrefixes"]
            ? item["outboundIPPrefixes"]
            : _managedClusterNATGatewayProfileOutboundIpPrefixesSerializer(item["outboundIPPrefixes"]),
        outboundIPs: !item["outboundIPs"]
            ? item["outboundIPs"]
            : _managedClusterNATGatewayProfileOutboundIPsSerializer(item["outboundIPs"]),
        idleTimeoutInMinutes: item["idleTimeoutInMinutes"],
    };
}
function managedClusterNATGatewayProfileDeserializer(item) {
    return {
        sku: item["sku"],
        managedOutboundIPProfile: !item["managedOutboundIPProfile"]
            ? item["managedOutboundIPProfile"]
            : managedClusterManagedOutboundIPProfileDeserializer(item["managedOutboundIPProfile"]),
        effectiveOutboundIPs: !item["effectiveOutboundIPs"]
            ? item["effectiveOutboundIPs"]
            : resourceReferenceArrayDeserializer(item["effectiveOutboundIPs"]),
        outboundIPPrefixes: !item["outboundIPPrefixes"]
            ? item["outboundIPPrefixes"]
            : _managedClusterNATGatewayProfileOutboundIpPrefixesDeserializer(item["outboundIPPrefixes"]),
        outboundIPs: !item["outboundIPs"]
            ? item["outboundIPs"]
            : _managedClusterNATGatewayProfileOutboundIPsDeserializer(item["outboundIPs"]),
        idleTimeoutInMinutes: item["idleTimeoutInMinutes"],
    };
}
/** The SKU of a managed cluster NAT Gateway. */
var KnownManagedClusterNATGatewaySku;
(function (KnownManagedClusterNATGatewaySku) {
    /** Use a Standard SKU NAT Gateway. */
    KnownManagedClusterNATGatewaySku["Standard"] = "Standard";
    /** Use a StandardV2 SKU NAT Gateway. This is the default for new clusters in regions where it is available. */
    KnownManagedClusterNATGatewaySku["StandardV2"] = "StandardV2";
})(KnownManagedClusterNATGatewaySku || (KnownManagedClusterNATGatewaySku = {}));
function managedClusterManagedOutboundIPProfileSerializer(item) {
    return { count: item["count"], countIPv6: item["countIPv6"] };
}
function managedClusterManagedOutboundIPProfileDeserializer(item) {
    return {
        count: item["count"],
        countIPv6: item["countIPv6"],
    };
}
function _managedClusterNATGatewayProfileOutboundIpPrefixesSerializer(item) {
    return {
        publicIPPrefixes: !item["publicIPPrefixes"]
            ? item["publicIPPrefixes"]
            : item["publicIPPrefixes"].map((p) => {
                return p;
            }),
    };
}
function _managedClusterNATGatewayProfileOutboundIpPrefixesDeserializer(item) {
    return {
        publicIPPrefixes: !item["publicIPPrefixes"]
            ? item["publicIPPrefixes"]
            : item["publicIPPrefixes"].map((p) => {
                return p;
            }),
    };
}
function _managedClusterNATGatewayProfileOutboundIPsSerializer(item) {
    return {
        publicIPs: !item["publicIPs"]
            ? item["publicIPs"]
            : item["publicIPs"].map((p) => {
                return p;
            }),
    };
}
function _managedClusterNATGatewayProfileOutboundIPsDeserializer(item) {
    return {
        publicIPs: !item["publicIPs"]
            ? item["publicIPs"]
            : item["publicIPs"].map((p) => {
                return p;
            }),
    };
}
function managedClusterStaticEgressGatewayProfileSerializer(item) {
    return { enabled: item["enabled"] };
}
function managedClusterStaticEgressGatewayProfileDeserializer(item) {
    return {
        enabled: item["enabled"],
    };
}
/** To determine if address belongs IPv4 or IPv6 family */
var KnownIpFamily;
(function (KnownIpFamily) {
    /** IPv4 family */
    KnownIpFamily["IPv4"] = "IPv4";
    /** IPv6 family */
    KnownIpFamily["IPv6"] = "IPv6";
})(KnownIpFamily || (KnownIpFamily = {}));
function managedClusterAADProfileSerializer(item) {
    return {
        managed: item["managed"],
        enableAzureRBAC: item["enableAzureRbac"],
        adminGroupObjectIDs: !item["adminGroupObjectIDs"]
            ? item["adminGroupObjectIDs"]
            : item["adminGroupObjectIDs"].map((p) => {
                return p;
            }),
        clientAppID: item["clientAppID"],
        serverAppID: item["serverAppID"],
        serverAppSecret: item["serverAppSecret"],
        tenantID: item["tenantID"],
    };
}
function managedClusterAADProfileDeserializer(item) {
    return {
        managed: item["managed"],
        enableAzureRbac: item["enableAzureRBAC"],
        adminGroupObjectIDs: !item["adminGroupObjectIDs"]
            ? item["adminGroupObjectIDs"]
            : item["adminGroupObjectIDs"].map((p) => {
                return p;
            }),
        clientAppID: item["clientAppID"],
        serverAppID: item["serverAppID"],
        serverAppSecret: item["serverAppSecret"],
        tenantID: item["tenantID"],
    };
}
function managedClusterAutoUpgradeProfileSerializer(item) {
    return {
        upgradeChannel: item["upgradeChannel"],
        nodeOSUpgradeChannel: item["nodeOSUpgradeChannel"],
    };
}
function managedClusterAutoUpgradeProfileDeserializer(item) {
    return {
        upgradeChannel: item["upgradeChannel"],
        nodeOSUpgradeChannel: item["nodeOSUpgradeChannel"],
    };
}
/** The upgrade channel for auto upgrade. The default is 'none'. For more information see [setting the AKS cluster auto-upgrade channel](https://docs.microsoft.com/azure/aks/upgrade-cluster#set-auto-upgrade-channel). */
var KnownUpgradeChannel;
(function (KnownUpgradeChannel) {
    /** Automatically upgrade the cluster to the latest supported patch release on the latest supported minor version. In cases where the cluster is at a version of Kubernetes that is at an N-2 minor version where N is the latest supported minor version, the cluster first upgrades to the latest supported patch version on N-1 minor version. For example, if a cluster is running version 1.17.7 and versions 1.17.9, 1.18.4, 1.18.6, and 1.19.1 are available, your cluster first is upgraded to 1.18.6, then is upgraded to 1.19.1. */
    KnownUpgradeChannel["Rapid"] = "rapid";
    /** Automatically upgrade the cluster to the latest supported patch release on minor version N-1, where N is the latest supported minor version. For example, if a cluster is running version 1.17.7 and versions 1.17.9, 1.18.4, 1.18.6, and 1.19.1 are available, your cluster is upgraded to 1.18.6. */
    KnownUpgradeChannel["Stable"] = "stable";
    /** Automatically upgrade the cluster to the latest supported patch version when it becomes available while keeping the minor version the same. For example, if a cluster is running version 1.17.7 and versions 1.17.9, 1.18.4, 1.18.6, and 1.19.1 are available, your cluster is upgraded to 1.17.9. */
    KnownUpgradeChannel["Patch"] = "patch";
    /** Automatically upgrade the node image to the latest version available. Consider using nodeOSUpgradeChannel instead as that allows you to configure node OS patching separate from Kubernetes version patching */
    KnownUpgradeChannel["NodeImage"] = "node-image";
    /** Disables auto-upgrades and keeps the cluster at its current version of Kubernetes. */
    KnownUpgradeChannel["None"] = "none";
})(KnownUpgradeChannel || (KnownUpgradeChannel = {}));
/** Node OS Upgrade Channel. Manner in which the OS on your nodes is updated. The default is NodeImage. */
var KnownNodeOSUpgradeChannel;
(function (KnownNodeOSUpgradeChannel) {
    /** No attempt to update your machines OS will be made either by OS or by rolling VHDs. This means you are responsible for your security updates */
    KnownNodeOSUpgradeChannel["None"] = "None";
    /** OS updates will be applied automatically through the OS built-in patching infrastructure. Newly scaled in machines will be unpatched initially and will be patched at some point by the OS's infrastructure. Behavior of this option depends on the OS in question. Ubuntu and Mariner apply security patches through unattended upgrade roughly once a day around 06:00 UTC. Windows does not apply security patches automatically and so for them this option is equivalent to None till further notice */
    KnownNodeOSUpgradeChannel["Unmanaged"] = "Unmanaged";
    /** AKS will update the nodes with a newly patched VHD containing security fixes and bugfixes on a weekly cadence. With the VHD update machines will be rolling reimaged to that VHD following maintenance windows and surge settings. No extra VHD cost is incurred when choosing this option as AKS hosts the images. */
    KnownNodeOSUpgradeChannel["NodeImage"] = "NodeImage";
    /** AKS downloads and updates the nodes with tested security updates. These updates honor the maintenance window settings and produce a new VHD that is used on new nodes. On some occasions it's not possible to apply the updates in place, in such cases the existing nodes will also be re-imaged to the newly produced VHD in order to apply the changes. This option incurs an extra cost of hosting the new Security Patch VHDs in your resource group for just in time consumption. */
    KnownNodeOSUpgradeChannel["SecurityPatch"] = "SecurityPatch";
})(KnownNodeOSUpgradeChannel || (KnownNodeOSUpgradeChannel = {}));
function clusterUpgradeSettingsSerializer(item) {
    return {
        overrideSettings: !item["overrideSettings"]
            ? item["overrideSettings"]
            : upgradeOverrideSettingsSerializer(item["overrideSettings"]),
    };
}
function clusterUpgradeSettingsDeserializer(item) {
    return {
        overrideSettings: !item["overrideSettings"]
            ? item["overrideSettings"]
            : upgradeOverrideSettingsDeserializer(item["overrideSettings"]),
    };
}
function upgradeOverrideSettingsSerializer(item) {
    return {
        forceUpgrade: item["forceUpgrade"],
        until: !item["until"] ? item["until"] : item["until"].toISOString(),
    };
}
function upgradeOverrideSettingsDeserializer(item) {
    return {
        forceUpgrade: item["forceUpgrade"],
        until: !item["until"] ? item["until"] : new Date(item["until"]),
    };
}
function managedClusterPropertiesAutoScalerProfileSerializer(item) {
    return {
        "balance-similar-node-groups": item["balanceSimilarNodeGroups"],
        "daemonset-eviction-for-empty-nodes": item["daemonsetEvictionForEmptyNodes"],
        "daemonset-eviction-for-occupied-nodes": item["daemonsetEvictionForOccupiedNodes"],
        "ignore-daemonsets-utilization": item["ignoreDaemonsetsUtilization"],
        expander: item["expander"],
        "max-empty-bulk-delete": item["maxEmptyBulkDelete"],
        "max-graceful-termination-sec": item["maxGracefulTerminationSec"],
        "max-node-provision-time": item["maxNodeProvisionTime"],
        "max-total-unready-percentage": item["maxTotalUnreadyPercentage"],
        "new-pod-scale-up-delay": item["newPodScaleUpDelay"],
        "ok-total-unready-count": item["okTotalUnreadyCount"],
        "scan-interval": item["scanInterval"],
        "scale-down-delay-after-add": item["scaleDownDelayAfterAdd"],
        "scale-down-delay-after-delete": item["scaleDownDelayAfterDelete"],
        "scale-down-delay-after-failure": item["scaleDownDelayAfterFailure"],
        "scale-down-unneeded-time": item["scaleDownUnneededTime"],
        "scale-down-unready-time": item["scaleDownUnreadyTime"],
        "scale-down-utilization-threshold": item["scaleDownUtilizationThreshold"],
        "skip-nodes-with-local-storage": item["skipNodesWithLocalStorage"],
        "skip-nodes-with-system-pods": item["skipNodesWithSystemPods"],
    };
}
function managedClusterPropertiesAutoScalerProfileDeserializer(item) {
    return {
        balanceSimilarNodeGroups: item["balance-similar-node-groups"],
        daemonsetEvictionForEmptyNodes: item["daemonset-eviction-for-empty-nodes"],
        daemonsetEvictionForOccupiedNodes: item["daemonset-eviction-for-occupied-nodes"],
        ignoreDaemonsetsUtilization: item["ignore-daemonsets-utilization"],
        expander: item["expander"],
        maxEmptyBulkDelete: item["max-empty-bulk-delete"],
        maxGracefulTerminationSec: item["max-graceful-termination-sec"],
        maxNodeProvisionTime: item["max-node-provision-time"],
        maxTotalUnreadyPercentage: item["max-total-unready-percentage"],
        newPodScaleUpDelay: item["new-pod-scale-up-delay"],
        okTotalUnreadyCount: item["ok-total-unready-count"],
        scanInterval: item["scan-interval"],
        scaleDownDelayAfterAdd: item["scale-down-delay-after-add"],
        scaleDownDelayAfterDelete: item["scale-down-delay-after-delete"],
        scaleDownDelayAfterFailure: item["scale-down-delay-after-failure"],
        scaleDownUnneededTime: item["scale-down-unneeded-time"],
        scaleDownUnreadyTime: item["scale-down-unready-time"],
        scaleDownUtilizationThreshold: item["scale-down-utilization-threshold"],
        skipNodesWithLocalStorage: item["skip-nodes-with-local-storage"],
        skipNodesWithSystemPods: item["skip-nodes-with-system-pods"],
    };
}
/** The expander to use when scaling up. If not specified, the default is 'random'. See [expanders](https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/FAQ.md#what-are-expanders) for more information. */
var KnownExpander;
(function (KnownExpander) {
    /** Selects the node group that will have the least idle CPU (if tied, unused memory) after scale-up. This is useful when you have different classes of nodes, for example, high CPU or high memory nodes, and only want to expand those when there are pending pods that need a lot of those resources. */
    KnownExpander["LeastWaste"] = "least-waste";
    /** Selects the node group that would be able to schedule the most pods when scaling up. This is useful when you are using nodeSelector to make sure certain pods land on certain nodes. Note that this won't cause the autoscaler to select bigger nodes vs. smaller, as it can add multiple smaller nodes at once. */
    KnownExpander["MostPods"] = "most-pods";
    /** Selects the node group that has the highest priority assigned by the user. It's configuration is described in more details [here](https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/expander/priority/readme.md). */
    KnownExpander["Priority"] = "priority";
    /** Used when you don't have a particular need for the node groups to scale differently. */
    KnownExpander["Random"] = "random";
})(KnownExpander || (KnownExpander = {}));
function managedClusterAPIServerAccessProfileSerializer(item) {
    return {
        authorizedIPRanges: !item["authorizedIPRanges"]
            ? item["authorizedIPRanges"]
            : item["authorizedIPRanges"].map((p) => {
                return p;
            }),
        enablePrivateCluster: item["enablePrivateCluster"],
        privateDNSZone: item["privateDNSZone"],
        enablePrivateClusterPublicFQDN: item["enablePrivateClusterPublicFqdn"],
        disableRunCommand: item["disableRunCommand"],
        enableVnetIntegration: item["enableVnetIntegration"],
        subnetId: item["subnetId"],
    };
}
function managedClusterAPIServerAccessProfileDeserializer(item) {
    return {
        authorizedIPRanges: !item["authorizedIPRanges"]
            ? item["authorizedIPRanges"]
            : item["authorizedIPRanges"].map((p) => {
                return p;
            }),
        enablePrivateCluster: item["enablePrivateCluster"],
        privateDNSZone: item["privateDNSZone"],
        enablePrivateClusterPublicFqdn: item["enablePrivateClusterPublicFQDN"],
        disableRunCommand: item["disableRunCommand"],
        enableVnetIntegration: item["enableVnetIntegration"],
        subnetId: item["subnetId"],
    };
}
function userAssignedIdentityRecordSerializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key] ? item[key] : userAssignedIdentitySerializer(item[key]);
    });
    return result;
}
function userAssignedIdentityRecordDeserializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key] ? item[key] : userAssignedIdentityDeserializer(item[key]);
    });
    return result;
}
function privateLinkResourceArraySerializer(result) {
    return result.map((item) => {
        return privateLinkResourceSerializer(item);
    });
}
function privateLinkResourceArrayDeserializer(result) {
    return result.map((item) => {
        return privateLinkResourceDeserializer(item);
    });
}
function privateLinkResourceSerializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        groupId: item["groupId"],
        requiredMembers: !item["requiredMembers"]
            ? item["requiredMembers"]
            : item["requiredMembers"].map((p) => {
                return p;
            }),
    };
}
function privateLinkResourceDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        groupId: item["groupId"],
        requiredMembers: !item["requiredMembers"]
            ? item["requiredMembers"]
            : item["requiredMembers"].map((p) => {
                return p;
            }),
        privateLinkServiceID: item["privateLinkServiceID"],
    };
}
function managedClusterHttpProxyConfigSerializer(item) {
    return {
        httpProxy: item["httpProxy"],
        httpsProxy: item["httpsProxy"],
        noProxy: !item["noProxy"]
            ? item["noProxy"]
            : item["noProxy"].map((p) => {
                return p;
            }),
        trustedCa: item["trustedCa"],
        enabled: item["enabled"],
    };
}
function managedClusterHttpProxyConfigDeserializer(item) {
    return {
        httpProxy: item["httpProxy"],
        httpsProxy: item["httpsProxy"],
        noProxy: !item["noProxy"]
            ? item["noProxy"]
            : item["noProxy"].map((p) => {
                return p;
            }),
        trustedCa: item["trustedCa"],
        enabled: item["enabled"],
    };
}
function managedClusterSecurityProfileSerializer(item) {
    return {
        defender: !item["defender"]
            ? item["defender"]
            : managedClusterSecurityProfileDefenderSerializer(item["defender"]),
        azureKeyVaultKms: !item["azureKeyVaultKms"]
            ? item["azureKeyVaultKms"]
            : azureKeyVaultKmsSerializer(item["azureKeyVaultKms"]),
        workloadIdentity: !item["workloadIdentity"]
            ? item["workloadIdentity"]
            : managedClusterSecurityProfileWorkloadIdentitySerializer(item["workloadIdentity"]),
        imageCleaner: !item["imageCleaner"]
            ? item["imageCleaner"]
            : managedClusterSecurityProfileImageCleanerSerializer(item["imageCleaner"]),
        customCATrustCertificates: !item["customCATrustCertificates"]
            ? item["customCATrustCertificates"]
            : item["customCATrustCertificates"].map((p) => {
                return uint8ArrayToString(p, "base64");
            }),
    };
}
function managedClusterSecurityProfileDeserializer(item) {
    return {
        defender: !item["defender"]
            ? item["defender"]
            : managedClusterSecurityProfileDefenderDeserializer(item["defender"]),
        azureKeyVaultKms: !item["azureKeyVaultKms"]
            ? item["azureKeyVaultKms"]
            : azureKeyVaultKmsDeserializer(item["azureKeyVaultKms"]),
        workloadIdentity: !item["workloadIdentity"]
            ? item["workloadIdentity"]
            : managedClusterSecurityProfileWorkloadIdentityDeserializer(item["workloadIdentity"]),
        imageCleaner: !item["imageCleaner"]
            ? item["imageCleaner"]
            : managedClusterSecurityProfileImageCleanerDeserializer(item["imageCleaner"]),
        customCATrustCertificates: !item["customCATrustCertificates"]
            ? item["customCATrustCertificates"]
            : item["customCATrustCertificates"].map((p) => {
                return typeof p === "string" ? stringToUint8Array(p, "base64") : p;
            }),
    };
}
function managedClusterSecurityProfileDefenderSerializer(item) {
    return {
        logAnalyticsWorkspaceResourceId: item["logAnalyticsWorkspaceResourceId"],
        securityMonitoring: !item["securityMonitoring"]
            ? item["securityMonitoring"]
            : managedClusterSecurityProfileDefenderSecurityMonitoringSerializer(item["securityMonitoring"]),
        securityGating: !item["securityGating"]
            ? item["securityGating"]
            : managedClusterSecurityProfileDefenderSecurityGatingSerializer(item["securityGating"]),
    };
}
function managedClusterSecurityProfileDefenderDeserializer(item) {
    return {
        logAnalyticsWorkspaceResourceId: item["logAnalyticsWorkspaceResourceId"],
        securityMonitoring: !item["securityMonitoring"]
            ? item["securityMonitoring"]
            : managedClusterSecurityProfileDefenderSecurityMonitoringDeserializer(item["securityMonitoring"]),
        securityGating: !item["securityGating"]
            ? item["securityGating"]
            : managedClusterSecurityProfileDefenderSecurityGatingDeserializer(item["securityGating"]),
    };
}
function managedClusterSecurityProfileDefenderSecurityMonitoringSerializer(item) {
    return { enabled: item["enabled"] };
}
function managedClusterSecurityProfileDefenderSecurityMonitoringDeserializer(item) {
    return {
        enabled: item["enabled"],
    };
}
function managedClusterSecurityProfileDefenderSecurityGatingSerializer(item) {
    return {
        enabled: item["enabled"],
        identities: !item["identities"]
            ? item["identities"]
            : managedClusterSecurityProfileDefenderSecurityGatingIdentityArraySerializer(item["identities"]),
        allowSecretAccess: item["allowSecretAccess"],
    };
}
function managedClusterSecurityProfileDefenderSecurityGatingDeserializer(item) {
    return {
        enabled: item["enabled"],
        identities: !item["identities"]
            ? item["identities"]
            : managedClusterSecurityProfileDefenderSecurityGatingIdentityArrayDeserializer(item["identities"]),
        allowSecretAccess: item["allowSecretAccess"],
    };
}
function managedClusterSecurityProfileDefenderSecurityGatingIdentityArraySerializer(result) {
    return result.map((item) => {
        return managedClusterSecurityProfileDefenderSecurityGatingIdentitySerializer(item);
    });
}
function managedClusterSecurityProfileDefenderSecurityGatingIdentityArrayDeserializer(result) {
    return result.map((item) => {
        return managedClusterSecurityProfileDefenderSecurityGatingIdentityDeserializer(item);
    });
}
function managedClusterSecurityProfileDefenderSecurityGatingIdentitySerializer(item) {
    return {
        azureContainerRegistry: item["azureContainerRegistry"],
        identity: !item["identity"]
            ? item["identity"]
            : userAssignedIdentitySerializer(item["identity"]),
    };
}
function managedClusterSecurityProfileDefenderSecurityGatingIdentityDeserializer(item) {
    return {
        azureContainerRegistry: item["azureContainerRegistry"],
        identity: !item["identity"]
            ? item["identity"]
            : userAssignedIdentityDeserializer(item["identity"]),
    };
}
function azureKeyVaultKmsSerializer(item) {
    return {
        enabled: item["enabled"],
        keyId: item["keyId"],
        keyVaultNetworkAccess: item["keyVaultNetworkAccess"],
        keyVaultResourceId: item["keyVaultResourceId"],
    };
}
function azureKeyVaultKmsDeserializer(item) {
    return {
        enabled: item["enabled"],
        keyId: item["keyId"],
        keyVaultNetworkAccess: item["keyVaultNetworkAccess"],
        keyVaultResourceId: item["keyVaultResourceId"],
    };
}
/** Network access of the key vault. Network access of key vault. The possible values are `Public` and `Private`. `Public` means the key vault allows public access from all networks. `Private` means the key vault disables public access and enables private link. The default value is `Public`. */
var KnownKeyVaultNetworkAccessTypes;
(function (KnownKeyVaultNetworkAccessTypes) {
    /** Key vault allows public access from all networks. */
    KnownKeyVaultNetworkAccessTypes["Public"] = "Public";
    /** Key vault disables public access and enables private link. */
    KnownKeyVaultNetworkAccessTypes["Private"] = "Private";
})(KnownKeyVaultNetworkAccessTypes || (KnownKeyVaultNetworkAccessTypes = {}));
function managedClusterSecurityProfileWorkloadIdentitySerializer(item) {
    return { enabled: item["enabled"] };
}
function managedClusterSecurityProfileWorkloadIdentityDeserializer(item) {
    return {
        enabled: item["enabled"],
    };
}
function managedClusterSecurityProfileImageCleanerSerializer(item) {
    return { enabled: item["enabled"], intervalHours: item["intervalHours"] };
}
function managedClusterSecurityProfileImageCleanerDeserializer(item) {
    return {
        enabled: item["enabled"],
        intervalHours: item["intervalHours"],
    };
}
function managedClusterStorageProfileSerializer(item) {
    return {
        diskCSIDriver: !item["diskCSIDriver"]
            ? item["diskCSIDriver"]
            : managedClusterStorageProfileDiskCSIDriverSerializer(item["diskCSIDriver"]),
        fileCSIDriver: !item["fileCSIDriver"]
            ? item["fileCSIDriver"]
            : managedClusterStorageProfileFileCSIDriverSerializer(item["fileCSIDriver"]),
        snapshotController: !item["snapshotController"]
            ? item["snapshotController"]
            : managedClusterStorageProfileSnapshotControllerSerializer(item["snapshotController"]),
        blobCSIDriver: !item["blobCSIDriver"]
            ? item["blobCSIDriver"]
            : managedClusterStorageProfileBlobCSIDriverSerializer(item["blobCSIDriver"]),
    };
}
function managedClusterStorageProfileDeserializer(item) {
    return {
        diskCSIDriver: !item["diskCSIDriver"]
            ? item["diskCSIDriver"]
            : managedClusterStorageProfileDiskCSIDriverDeserializer(item["diskCSIDriver"]),
        fileCSIDriver: !item["fileCSIDriver"]
            ? item["fileCSIDriver"]
            : managedClusterStorageProfileFileCSIDriverDeserializer(item["fileCSIDriver"]),
        snapshotController: !item["snapshotController"]
            ? item["snapshotController"]
            : managedClusterStorageProfileSnapshotControllerDeserializer(item["snapshotController"]),
        blobCSIDriver: !item["blobCSIDriver"]
            ? item["blobCSIDriver"]
            : managedClusterStorageProfileBlobCSIDriverDeserializer(item["blobCSIDriver"]),
    };
}
function managedClusterStorageProfileDiskCSIDriverSerializer(item) {
    return { enabled: item["enabled"] };
}
function managedClusterStorageProfileDiskCSIDriverDeserializer(item) {
    return {
        enabled: item["enabled"],
    };
}
function managedClusterStorageProfileFileCSIDriverSerializer(item) {
    return { enabled: item["enabled"] };
}
function managedClusterStorageProfileFileCSIDriverDeserializer(item) {
    return {
        enabled: item["enabled"],
    };
}
function managedClusterStorageProfileSnapshotControllerSerializer(item) {
    return { enabled: item["enabled"] };
}
function managedClusterStorageProfileSnapshotControllerDeserializer(item) {
    return {
        enabled: item["enabled"],
    };
}
function managedClusterStorageProfileBlobCSIDriverSerializer(item) {
    return { enabled: item["enabled"] };
}
function managedClusterStorageProfileBlobCSIDriverDeserializer(item) {
    return {
        enabled: item["enabled"],
    };
}
function managedClusterIngressProfileSerializer(item) {
    return {
        webAppRouting: !item["webAppRouting"]
            ? item["webAppRouting"]
            : managedClusterIngressProfileWebAppRoutingSerializer(item["webAppRouting"]),
        gatewayAPI: !item["gatewayAPI"]
            ? item["gatewayAPI"]
            : managedClusterIngressProfileGatewayConfigurationSerializer(item["gatewayAPI"]),
    };
}
function managedClusterIngressProfileDeserializer(item) {
    return {
        webAppRouting: !item["webAppRouting"]
            ? item["webAppRouting"]
            : managedClusterIngressProfileWebAppRoutingDeserializer(item["webAppRouting"]),
        gatewayAPI: !item["gatewayAPI"]
            ? item["gatewayAPI"]
            : managedClusterIngressProfileGatewayConfigurationDeserializer(item["gatewayAPI"]),
    };
}
function managedClusterIngressProfileWebAppRoutingSerializer(item) {
    return {
        enabled: item["enabled"],
        gatewayAPIImplementations: !item["gatewayAPIImplementations"]
            ? item["gatewayAPIImplementations"]
            : managedClusterWebAppRoutingGatewayAPIImplementationsSerializer(item["gatewayAPIImplementations"]),
        dnsZoneResourceIds: !item["dnsZoneResourceIds"]
            ? item["dnsZoneResourceIds"]
            : item["dnsZoneResourceIds"].map((p) => {
                return p;
            }),
        nginx: !item["nginx"]
            ? item["nginx"]
            : managedClusterIngressProfileNginxSerializer(item["nginx"]),
    };
}
function managedClusterIngressProfileWebAppRoutingDeserializer(item) {
    return {
        enabled: item["enabled"],
        gatewayAPIImplementations: !item["gatewayAPIImplementations"]
            ? item["gatewayAPIImplementations"]
            : managedClusterWebAppRoutingGatewayAPIImplementationsDeserializer(item["gatewayAPIImplementations"]),
        dnsZoneResourceIds: !item["dnsZoneResourceIds"]
            ? item["dnsZoneResourceIds"]
            : item["dnsZoneResourceIds"].map((p) => {
                return p;
            }),
        nginx: !item["nginx"]
            ? item["nginx"]
            : managedClusterIngressProfileNginxDeserializer(item["nginx"]),
        identity: !item["identity"]
            ? item["identity"]
            : userAssignedIdentityDeserializer(item["identity"]),
    };
}
function managedClusterWebAppRoutingGatewayAPIImplementationsSerializer(item) {
    return {
        appRoutingIstio: !item["appRoutingIstio"]
            ? item["appRoutingIstio"]
            : managedClusterAppRoutingIstioSerializer(item["appRoutingIstio"]),
    };
}
function managedClusterWebAppRoutingGatewayAPIImplementationsDeserializer(item) {
    return {
        appRoutingIstio: !item["appRoutingIstio"]
            ? item["appRoutingIstio"]
            : managedClusterAppRoutingIstioDeserializer(item["appRoutingIstio"]),
    };
}
function managedClusterAppRoutingIstioSerializer(item) {
    return { mode: item["mode"] };
}
function managedClusterAppRoutingIstioDeserializer(item) {
    return {
        mode: item["mode"],
    };
}
/** Whether to enable Istio as a Gateway API implementation for managed ingress with App Routing. */
var KnownGatewayAPIIstioEnabled;
(function (KnownGatewayAPIIstioEnabled) {
    /** Enables managed ingress via the Gateway API using a sidecar-less Istio controlplane. */
    KnownGatewayAPIIstioEnabled["Enabled"] = "Enabled";
    /** Disables the sidecar-less istio control plane for managed ingress via the Gateway API. */
    KnownGatewayAPIIstioEnabled["Disabled"] = "Disabled";
})(KnownGatewayAPIIstioEnabled || (KnownGatewayAPIIstioEnabled = {}));
function managedClusterIngressProfileNginxSerializer(item) {
    return { defaultIngressControllerType: item["defaultIngressControllerType"] };
}
function managedClusterIngressProfileNginxDeserializer(item) {
    return {
        defaultIngressControllerType: item["defaultIngressControllerType"],
    };
}
/** Ingress type for the default NginxIngressController custom resource */
var KnownNginxIngressControllerType;
(function (KnownNginxIngressControllerType) {
    /** The default NginxIngressController will be created. Users can edit the default NginxIngressController Custom Resource to configure load balancer annotations. */
    KnownNginxIngressControllerType["AnnotationControlled"] = "AnnotationControlled";
    /** The default NginxIngressController will be created and the operator will provision an external loadbalancer with it. Any annotation to make the default loadbalancer internal will be overwritten. */
    KnownNginxIngressControllerType["External"] = "External";
    /** The default NginxIngressController will be created and the operator will provision an internal loadbalancer with it. Any annotation to make the default loadbalancer external will be overwritten. */
    KnownNginxIngressControllerType["Internal"] = "Internal";
    /** The default Ingress Controller will not be created. It will not be deleted by the system if it exists. Users should delete the default NginxIngressController Custom Resource manually if desired. */
    KnownNginxIngressControllerType["None"] = "None";
})(KnownNginxIngressControllerType || (KnownNginxIngressControllerType = {}));
function managedClusterIngressProfileGatewayConfigurationSerializer(item) {
    return { installation: item["installation"] };
}
function managedClusterIngressProfileGatewayConfigurationDeserializer(item) {
    return {
        installation: item["installation"],
    };
}
/** Configuration for the managed Gateway API installation. If not specified, the default is 'Disabled'. See https://aka.ms/k8s-gateway-api for more details. */
var KnownManagedGatewayType;
(function (KnownManagedGatewayType) {
    /** Gateway API CRDs will not be reconciled on your cluster. */
    KnownManagedGatewayType["Disabled"] = "Disabled";
    /** Gateway API CRDs from the standard release channel will be reconciled onto your cluster. See https://aka.ms/gateway-api-versions to see which bundle will be installed for your Kubernetes version. */
    KnownManagedGatewayType["Standard"] = "Standard";
})(KnownManagedGatewayType || (KnownManagedGatewayType = {}));
/** PublicNetworkAccess of the managedCluster. Allow or deny public network access for AKS */
var KnownPublicNetworkAccess;
(function (KnownPublicNetworkAccess) {
    /** Inbound/Outbound to the managedCluster is allowed. */
    KnownPublicNetworkAccess["Enabled"] = "Enabled";
    /** Inbound traffic to managedCluster is disabled, traffic from managedCluster is allowed. */
    KnownPublicNetworkAccess["Disabled"] = "Disabled";
})(KnownPublicNetworkAccess || (KnownPublicNetworkAccess = {}));
function managedClusterWorkloadAutoScalerProfileSerializer(item) {
    return {
        keda: !item["keda"]
            ? item["keda"]
            : managedClusterWorkloadAutoScalerProfileKedaSerializer(item["keda"]),
        verticalPodAutoscaler: !item["verticalPodAutoscaler"]
            ? item["verticalPodAutoscaler"]
            : managedClusterWorkloadAutoScalerProfileVerticalPodAutoscalerSerializer(item["verticalPodAutoscaler"]),
    };
}
function managedClusterWorkloadAutoScalerProfileDeserializer(item) {
    return {
        keda: !item["keda"]
            ? item["keda"]
            : managedClusterWorkloadAutoScalerProfileKedaDeserializer(item["keda"]),
        verticalPodAutoscaler: !item["verticalPodAutoscaler"]
            ? item["verticalPodAutoscaler"]
            : managedClusterWorkloadAutoScalerProfileVerticalPodAutoscalerDeserializer(item["verticalPodAutoscaler"]),
    };
}
function managedClusterWorkloadAutoScalerProfileKedaSerializer(item) {
    return { enabled: item["enabled"] };
}
function managedClusterWorkloadAutoScalerProfileKedaDeserializer(item) {
    return {
        enabled: item["enabled"],
    };
}
function managedClusterWorkloadAutoScalerProfileVerticalPodAutoscalerSerializer(item) {
    return { enabled: item["enabled"] };
}
function managedClusterWorkloadAutoScalerProfileVerticalPodAutoscalerDeserializer(item) {
    return {
        enabled: item["enabled"],
    };
}
function managedClusterAzureMonitorProfileSerializer(item) {
    return {
        metrics: !item["metrics"]
            ? item["metrics"]
            : managedClusterAzureMonitorProfileMetricsSerializer(item["metrics"]),
        containerInsights: !item["containerInsights"]
            ? item["containerInsights"]
            : managedClusterAzureMonitorProfileContainerInsightsSerializer(item["containerInsights"]),
        appMonitoring: !item["appMonitoring"]
            ? item["appMonitoring"]
            : managedClusterAzureMonitorProfileAppMonitoringSerializer(item["appMonitoring"]),
    };
}
function managedClusterAzureMonitorProfileDeserializer(item) {
    return {
        metrics: !item["metrics"]
            ? item["metrics"]
            : managedClusterAzureMonitorProfileMetricsDeserializer(item["metrics"]),
        containerInsights: !item["containerInsights"]
            ? item["containerInsights"]
            : managedClusterAzureMonitorProfileContainerInsightsDeserializer(item["containerInsights"]),
        appMonitoring: !item["appMonitoring"]
            ? item["appMonitoring"]
            : managedClusterAzureMonitorProfileAppMonitoringDeserializer(item["appMonitoring"]),
    };
}
function managedClusterAzureMonitorProfileMetricsSerializer(item) {
    return {
        enabled: item["enabled"],
        kubeStateMetrics: !item["kubeStateMetrics"]
            ? item["kubeStateMetrics"]
            : managedClusterAzureMonitorProfileKubeStateMetricsSerializer(item["kubeStateMetrics"]),
        controlPlane: !item["controlPlane"]
            ? item["controlPlane"]
            : managedClusterAzureMonitorProfileMetricsControlPlaneSerializer(item["controlPlane"]),
    };
}
function managedClusterAzureMonitorProfileMetricsDeserializer(item) {
    return {
        enabled: item["enabled"],
        kubeStateMetrics: !item["kubeStateMetrics"]
            ? item["kubeStateMetrics"]
            : managedClusterAzureMonitorProfileKubeStateMetricsDeserializer(item["kubeStateMetrics"]),
        controlPlane: !item["controlPlane"]
            ? item["controlPlane"]
            : managedClusterAzureMonitorProfileMetricsControlPlaneDeserializer(item["controlPlane"]),
    };
}
function managedClusterAzureMonitorProfileKubeStateMetricsSerializer(item) {
    return {
        metricLabelsAllowlist: item["metricLabelsAllowlist"],
        metricAnnotationsAllowList: item["metricAnnotationsAllowList"],
    };
}
function managedClusterAzureMonitorProfileKubeStateMetricsDeserializer(item) {
    return {
        metricLabelsAllowlist: item["metricLabelsAllowlist"],
        metricAnnotationsAllowList: item["metricAnnotationsAllowList"],
    };
}
function managedClusterAzureMonitorProfileMetricsControlPlaneSerializer(item) {
    return { enabled: item["enabled"] };
}
function managedClusterAzureMonitorProfileMetricsControlPlaneDeserializer(item) {
    return {
        enabled: item["enabled"],
    };
}
function managedClusterAzureMonitorProfileContainerInsightsSerializer(item) {
    return {
        enabled: item["enabled"],
        logAnalyticsWorkspaceResourceId: item["logAnalyticsWorkspaceResourceId"],
        syslogPort: item["syslogPort"],
        disablePrometheusMetricsScraping: item["disablePrometheusMetricsScraping"],
        containerNetworkLogs: item["containerNetworkLogs"],
    };
}
function managedClusterAzureMonitorProfileContainerInsightsDeserializer(item) {
    return {
        enabled: item["enabled"],
        logAnalyticsWorkspaceResourceId: item["logAnalyticsWorkspaceResourceId"],
        syslogPort: item["syslogPort"],
        disablePrometheusMetricsScraping: item["disablePrometheusMetricsScraping"],
        containerNetworkLogs: item["containerNetworkLogs"],
    };
}
/** Allowed values for container network logs ingestion with Azure Monitor. When `Enabled`, the specific log types ingested are controlled by the associated CRD; defaults to `Disabled`. See https://aka.ms/ContainerNetworkLogsDoc and https://aka.ms/acns/howtoenablecnl for details. */
var KnownContainerNetworkLogs;
(function (KnownContainerNetworkLogs) {
    /** Azure monitor ingestion of container network logs is disabled */
    KnownContainerNetworkLogs["Disabled"] = "Disabled";
    /** Azure monitor ingestion of container network logs is enabled */
    KnownContainerNetworkLogs["Enabled"] = "Enabled";
})(KnownContainerNetworkLogs || (KnownContainerNetworkLogs = {}));
function managedClusterAzureMonitorProfileAppMonitoringSerializer(item) {
    return {
        autoInstrumentation: !item["autoInstrumentation"]
            ? item["autoInstrumentation"]
            : managedClusterAzureMonitorProfileAppMonitoringAutoInstrumentationSerializer(item["autoInstrumentation"]),
        openTelemetryMetrics: !item["openTelemetryMetrics"]
            ? item["openTelemetryMetrics"]
            : managedClusterAzureMonitorProfileAppMonitoringOpenTelemetryMetricsSerializer(item["openTelemetryMetrics"]),
        openTelemetryLogsAndTraces: !item["openTelemetryLogsAndTraces"]
            ? item["openTelemetryLogsAndTraces"]
            : managedClusterAzureMonitorProfileAppMonitoringOpenTelemetryLogsAndTracesSerializer(item["openTelemetryLogsAndTraces"]),
    };
}
function managedClusterAzureMonitorProfileAppMonitoringDeserializer(item) {
    return {
        autoInstrumentation: !item["autoInstrumentation"]
            ? item["autoInstrumentation"]
            : managedClusterAzureMonitorProfileAppMonitoringAutoInstrumentationDeserializer(item["autoInstrumentation"]),
        openTelemetryMetrics: !item["openTelemetryMetrics"]
            ? item["openTelemetryMetrics"]
            : managedClusterAzureMonitorProfileAppMonitoringOpenTelemetryMetricsDeserializer(item["openTelemetryMetrics"]),
        openTelemetryLogsAndTraces: !item["openTelemetryLogsAndTraces"]
            ? item["openTelemetryLogsAndTraces"]
            : managedClusterAzureMonitorProfileAppMonitoringOpenTelemetryLogsAndTracesDeserializer(item["openTelemetryLogsAndTraces"]),
    };
}
function managedClusterAzureMonitorProfileAppMonitoringAutoInstrumentationSerializer(item) {
    return { enabled: item["enabled"] };
}
function managedClusterAzureMonitorProfileAppMonitoringAutoInstrumentationDeserializer(item) {
    return {
        enabled: item["enabled"],
    };
}
function managedClusterAzureMonitorProfileAppMonitoringOpenTelemetryMetricsSerializer(item) {
    return { enabled: item["enabled"], httpPort: item["httpPort"], grpcPort: item["grpcPort"] };
}
function managedClusterAzureMonitorProfileAppMonitoringOpenTelemetryMetricsDeserializer(item) {
    return {
        enabled: item["enabled"],
        httpPort: item["httpPort"],
        grpcPort: item["grpcPort"],
    };
}
function managedClusterAzureMonitorProfileAppMonitoringOpenTelemetryLogsAndTracesSerializer(item) {
    return { enabled: item["enabled"], httpPort: item["httpPort"], grpcPort: item["grpcPort"] };
}
function managedClusterAzureMonitorProfileAppMonitoringOpenTelemetryLogsAndTracesDeserializer(item) {
    return {
        enabled: item["enabled"],
        httpPort: item["httpPort"],
        grpcPort: item["grpcPort"],
    };
}
function serviceMeshProfileSerializer(item) {
    return {
        mode: item["mode"],
        istio: !item["istio"] ? item["istio"] : istioServiceMeshSerializer(item["istio"]),
    };
}
function serviceMeshProfileDeserializer(item) {
    return {
        mode: item["mode"],
        istio: !item["istio"] ? item["istio"] : istioServiceMeshDeserializer(item["istio"]),
    };
}
/** Mode of the service mesh. */
var KnownServiceMeshMode;
(function (KnownServiceMeshMode) {
    /** Istio deployed as an AKS addon. */
    KnownServiceMeshMode["Istio"] = "Istio";
    /** Mesh is disabled. */
    KnownServiceMeshMode["Disabled"] = "Disabled";
})(KnownServiceMeshMode || (KnownServiceMeshMode = {}));
function istioServiceMeshSerializer(item) {
    return {
        components: !item["components"]
            ? item["components"]
            : istioComponentsSerializer(item["components"]),
        certificateAuthority: !item["certificateAuthority"]
            ? item["certificateAuthority"]
            : istioCertificateAuthoritySerializer(item["certificateAuthority"]),
        revisions: !item["revisions"]
            ? item["revisions"]
            : item["revisions"].map((p) => {
                return p;
            }),
    };
}
function istioServiceMeshDeserializer(item) {
    return {
        components: !item["components"]
            ? item["components"]
            : istioComponentsDeserializer(item["components"]),
        certificateAuthority: !item["certificateAuthority"]
            ? item["certificateAuthority"]
            : istioCertificateAuthorityDeserializer(item["certificateAuthority"]),
        revisions: !item["revisions"]
            ? item["revisions"]
            : item["revisions"].map((p) => {
                return p;
            }),
    };
}
function istioComponentsSerializer(item) {
    return {
        ingressGateways: !item["ingressGateways"]
            ? item["ingressGateways"]
            : istioIngressGatewayArraySerializer(item["ingressGateways"]),
        egressGateways: !item["egressGateways"]
            ? item["egressGateways"]
            : istioEgressGatewayArraySerializer(item["egressGateways"]),
        proxyRedirectionMechanism: item["proxyRedirectionMechanism"],
    };
}
function istioComponentsDeserializer(item) {
    return {
        ingressGateways: !item["ingressGateways"]
            ? item["ingressGateways"]
            : istioIngressGatewayArrayDeserializer(item["ingressGateways"]),
        egressGateways: !item["egressGateways"]
            ? item["egressGateways"]
            : istioEgressGatewayArrayDeserializer(item["egressGateways"]),
        proxyRedirectionMechanism: item["proxyRedirectionMechanism"],
    };
}
function istioIngressGatewayArraySerializer(result) {
    return result.map((item) => {
        return istioIngressGatewaySerializer(item);
    });
}
function istioIngressGatewayArrayDeserializer(result) {
    return result.map((item) => {
        return istioIngressGatewayDeserializer(item);
    });
}
function istioIngressGatewaySerializer(item) {
    return { mode: item["mode"], enabled: item["enabled"] };
}
function istioIngressGatewayDeserializer(item) {
    return {
        mode: item["mode"],
        enabled: item["enabled"],
    };
}
/** Mode of an ingress gateway. */
var KnownIstioIngressGatewayMode;
(function (KnownIstioIngressGatewayMode) {
    /** The ingress gateway is assigned a public IP address and is publicly accessible. */
    KnownIstioIngressGatewayMode["External"] = "External";
    /** The ingress gateway is assigned an internal IP address and cannot is accessed publicly. */
    KnownIstioIngressGatewayMode["Internal"] = "Internal";
})(KnownIstioIngressGatewayMode || (KnownIstioIngressGatewayMode = {}));
function istioEgressGatewayArraySerializer(result) {
    return result.map((item) => {
        return istioEgressGatewaySerializer(item);
    });
}
function istioEgressGatewayArrayDeserializer(result) {
    return result.map((item) => {
        return istioEgressGatewayDeserializer(item);
    });
}
function istioEgressGatewaySerializer(item) {
    return {
        enabled: item["enabled"],
        name: item["name"],
        namespace: item["namespace"],
        gatewayConfigurationName: item["gatewayConfigurationName"],
    };
}
function istioEgressGatewayDeserializer(item) {
    return {
        enabled: item["enabled"],
        name: item["name"],
        namespace: item["namespace"],
        gatewayConfigurationName: item["gatewayConfigurationName"],
    };
}
/** Mode of traffic redirection. */
var KnownProxyRedirectionMechanism;
(function (KnownProxyRedirectionMechanism) {
    /** Istio will inject an init container into each pod to redirect traffic (requires NET_ADMIN and NET_RAW). */
    KnownProxyRedirectionMechanism["InitContainers"] = "InitContainers";
    /** Istio will install a chained CNI plugin to redirect traffic (recommended). */
    KnownProxyRedirectionMechanism["CNIChaining"] = "CNIChaining";
})(KnownProxyRedirectionMechanism || (KnownProxyRedirectionMechanism = {}));
function istioCertificateAuthoritySerializer(item) {
    return {
        plugin: !item["plugin"]
            ? item["plugin"]
            : istioPluginCertificateAuthoritySerializer(item["plugin"]),
    };
}
function istioCertificateAuthorityDeserializer(item) {
    return {
        plugin: !item["plugin"]
            ? item["plugin"]
            : istioPluginCertificateAuthorityDeserializer(item["plugin"]),
    };
}
function istioPluginCertificateAuthoritySerializer(item) {
    return {
        keyVaultId: item["keyVaultId"],
        certObjectName: item["certObjectName"],
        keyObjectName: item["keyObjectName"],
        rootCertObjectName: item["rootCertObjectName"],
        certChainObjectName: item["certChainObjectName"],
    };
}
function istioPluginCertificateAuthorityDeserializer(item) {
    return {
        keyVaultId: item["keyVaultId"],
        certObjectName: item["certObjectName"],
        keyObjectName: item["keyObjectName"],
        rootCertObjectName: item["rootCertObjectName"],
        certChainObjectName: item["certChainObjectName"],
    };
}
function managedClusterMetricsProfileSerializer(item) {
    return {
        costAnalysis: !item["costAnalysis"]
            ? item["costAnalysis"]
            : managedClusterCostAnalysisSerializer(item["costAnalysis"]),
    };
}
function managedClusterMetricsProfileDeserializer(item) {
    return {
        costAnalysis: !item["costAnalysis"]
            ? item["costAnalysis"]
            : managedClusterCostAnalysisDeserializer(item["costAnalysis"]),
    };
}
function managedClusterCostAnalysisSerializer(item) {
    return { enabled: item["enabled"] };
}
function managedClusterCostAnalysisDeserializer(item) {
    return {
        enabled: item["enabled"],
    };
}
function managedClusterNodeProvisioningProfileSerializer(item) {
    return { mode: item["mode"], defaultNodePools: item["defaultNodePools"] };
}
function managedClusterNodeProvisioningProfileDeserializer(item) {
    return {
        mode: item["mode"],
        defaultNodePools: item["defaultNodePools"],
    };
}
/** The node provisioning mode. If not specified, the default is Manual. */
var KnownNodeProvisioningMode;
(function (KnownNodeProvisioningMode) {
    /** Nodes are provisioned manually by the user */
    KnownNodeProvisioningMode["Manual"] = "Manual";
    /** Nodes are provisioned automatically by AKS using Karpenter (See aka.ms/aks/nap for more details). Fixed size Node Pools can still be created, but autoscaling Node Pools cannot be. (See aka.ms/aks/nap for more details). */
    KnownNodeProvisioningMode["Auto"] = "Auto";
})(KnownNodeProvisioningMode || (KnownNodeProvisioningMode = {}));
/** The set of default Karpenter NodePools (CRDs) configured for node provisioning. This field has no effect unless mode is 'Auto'. Warning: Changing this from Auto to None on an existing cluster will cause the default Karpenter NodePools to be deleted, which will drain and delete the nodes associated with those pools. It is strongly recommended to not do this unless there are idle nodes ready to take the pods evicted by that action. If not specified, the default is Auto. For more information see aka.ms/aks/nap#node-pools. */
var KnownNodeProvisioningDefaultNodePools;
(function (KnownNodeProvisioningDefaultNodePools) {
    /** No Karpenter NodePools are provisioned automatically. Automatic scaling will not happen unless the user creates one or more NodePool CRD instances. */
    KnownNodeProvisioningDefaultNodePools["None"] = "None";
    /** A standard set of Karpenter NodePools are provisioned */
    KnownNodeProvisioningDefaultNodePools["Auto"] = "Auto";
})(KnownNodeProvisioningDefaultNodePools || (KnownNodeProvisioningDefaultNodePools = {}));
function managedClusterBootstrapProfileSerializer(item) {
    return {
        artifactSource: item["artifactSource"],
        containerRegistryId: item["containerRegistryId"],
    };
}
function managedClusterBootstrapProfileDeserializer(item) {
    return {
        artifactSource: item["artifactSource"],
        containerRegistryId: item["containerRegistryId"],
    };
}
/** The artifact source. The source where the artifacts are downloaded from. */
var KnownArtifactSource;
(function (KnownArtifactSource) {
    /** pull images from Azure Container Registry with cache */
    KnownArtifactSource["Cache"] = "Cache";
    /** pull images from Microsoft Artifact Registry */
    KnownArtifactSource["Direct"] = "Direct";
})(KnownArtifactSource || (KnownArtifactSource = {}));
function managedClusterAIToolchainOperatorProfileSerializer(item) {
    return { enabled: item["enabled"] };
}
function managedClusterAIToolchainOperatorProfileDeserializer(item) {
    return {
        enabled: item["enabled"],
    };
}
function schedulerProfileSerializer(item) {
    return {
        upstream: !item["upstream"]
            ? item["upstream"]
            : schedulerInstanceProfileSerializer(item["upstream"]),
    };
}
function schedulerProfileDeserializer(item) {
    return {
        upstream: !item["upstream"]
            ? item["upstream"]
            : schedulerInstanceProfileDeserializer(item["upstream"]),
    };
}
function schedulerInstanceProfileSerializer(item) {
    return { schedulerConfigMode: item["schedulerConfigMode"] };
}
function schedulerInstanceProfileDeserializer(item) {
    return {
        schedulerConfigMode: item["schedulerConfigMode"],
    };
}
/** The config customization mode for this scheduler instance. */
var KnownSchedulerConfigMode;
(function (KnownSchedulerConfigMode) {
    /** No config customization. Use default configuration. */
    KnownSchedulerConfigMode["Default"] = "Default";
    /** Enable config customization. Customer can specify scheduler configuration via a CRD. See aka.ms/aks/scheduler-crd for details. */
    KnownSchedulerConfigMode["ManagedByCRD"] = "ManagedByCRD";
})(KnownSchedulerConfigMode || (KnownSchedulerConfigMode = {}));
function managedClusterHostedSystemProfileSerializer(item) {
    return {
        enabled: item["enabled"],
        systemNodeSubnetID: item["systemNodeSubnetID"],
        nodeSubnetID: item["nodeSubnetID"],
    };
}
function managedClusterHostedSystemProfileDeserializer(item) {
    return {
        enabled: item["enabled"],
        systemNodeSubnetID: item["systemNodeSubnetID"],
        nodeSubnetID: item["nodeSubnetID"],
    };
}
function managedClusterStatusSerializer(_item) {
    return {};
}
function managedClusterStatusDeserializer(item) {
    return {
        provisioningError: !item["provisioningError"]
            ? item["provisioningError"]
            : errorDetailDeserializer(item["provisioningError"]),
    };
}
function managedClusterSKUSerializer(item) {
    return { name: item["name"], tier: item["tier"] };
}
function managedClusterSKUDeserializer(item) {
    return {
        name: item["name"],
        tier: item["tier"],
    };
}
/** The name of a managed cluster SKU. */
var KnownManagedClusterSKUName;
(function (KnownManagedClusterSKUName) {
    /** Base option for the AKS control plane. */
    KnownManagedClusterSKUName["Base"] = "Base";
    /** Automatic clusters are optimized to run most production workloads with configuration that follows AKS best practices and recommendations for cluster and workload setup, scalability, and security. For more details about Automatic clusters see aka.ms/aks/automatic. */
    KnownManagedClusterSKUName["Automatic"] = "Automatic";
})(KnownManagedClusterSKUName || (KnownManagedClusterSKUName = {}));
/** The tier of a managed cluster SKU. If not specified, the default is 'Free'. See [AKS Pricing Tier](https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers) for more details. */
var KnownManagedClusterSKUTier;
(function (KnownManagedClusterSKUTier) {
    /** Cluster has premium capabilities in addition to all of the capabilities included in 'Standard'. Premium enables selection of LongTermSupport (aka.ms/aks/lts) for certain Kubernetes versions. */
    KnownManagedClusterSKUTier["Premium"] = "Premium";
    /** Recommended for mission-critical and production workloads. Includes Kubernetes control plane autoscaling, workload-intensive testing, and up to 5,000 nodes per cluster. Guarantees 99.95% availability of the Kubernetes API server endpoint for clusters that use Availability Zones and 99.9% of availability for clusters that don't use Availability Zones. */
    KnownManagedClusterSKUTier["Standard"] = "Standard";
    /** The cluster management is free, but charged for VM, storage, and networking usage. Best for experimenting, learning, simple testing, or workloads with fewer than 10 nodes. Not recommended for production use cases. */
    KnownManagedClusterSKUTier["Free"] = "Free";
})(KnownManagedClusterSKUTier || (KnownManagedClusterSKUTier = {}));
function extendedLocationSerializer(item) {
    return { name: item["name"], type: item["type"] };
}
function extendedLocationDeserializer(item) {
    return {
        name: item["name"],
        type: item["type"],
    };
}
/** The type of extendedLocation. */
var KnownExtendedLocationTypes;
(function (KnownExtendedLocationTypes) {
    /** Azure Edge Zone extended location type. */
    KnownExtendedLocationTypes["EdgeZone"] = "EdgeZone";
})(KnownExtendedLocationTypes || (KnownExtendedLocationTypes = {}));
function managedClusterIdentitySerializer(item) {
    return {
        type: item["type"],
        delegatedResources: !item["delegatedResources"]
            ? item["delegatedResources"]
            : delegatedResourceRecordSerializer(item["delegatedResources"]),
        userAssignedIdentities: !item["userAssignedIdentities"]
            ? item["userAssignedIdentities"]
            : managedServiceIdentityUserAssignedIdentitiesValueRecordSerializer(item["userAssignedIdentities"]),
    };
}
function managedClusterIdentityDeserializer(item) {
    return {
        principalId: item["principalId"],
        tenantId: item["tenantId"],
        type: item["type"],
        delegatedResources: !item["delegatedResources"]
            ? item["delegatedResources"]
            : delegatedResourceRecordDeserializer(item["delegatedResources"]),
        userAssignedIdentities: !item["userAssignedIdentities"]
            ? item["userAssignedIdentities"]
            : managedServiceIdentityUserAssignedIdentitiesValueRecordDeserializer(item["userAssignedIdentities"]),
    };
}
/** The type of identity used for the managed cluster. For more information see [use managed identities in AKS](https://docs.microsoft.com/azure/aks/use-managed-identity). */
var KnownResourceIdentityType;
(function (KnownResourceIdentityType) {
    /** Use an implicitly created system assigned managed identity to manage cluster resources. Master components in the control plane such as kube-controller-manager will use the system assigned managed identity to manipulate Azure resources. */
    KnownResourceIdentityType["SystemAssigned"] = "SystemAssigned";
    /** Use a user-specified identity to manage cluster resources. Master components in the control plane such as kube-controller-manager will use the specified user assigned managed identity to manipulate Azure resources. */
    KnownResourceIdentityType["UserAssigned"] = "UserAssigned";
    /** Do not use a managed identity for the Managed Cluster, service principal will be used instead. */
    KnownResourceIdentityType["None"] = "None";
})(KnownResourceIdentityType || (KnownResourceIdentityType = {}));
function delegatedResourceRecordSerializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key] ? item[key] : delegatedResourceSerializer(item[key]);
    });
    return result;
}
function delegatedResourceRecordDeserializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key] ? item[key] : delegatedResourceDeserializer(item[key]);
    });
    return result;
}
function delegatedResourceSerializer(item) {
    return {
        resourceId: item["resourceId"],
        tenantId: item["tenantId"],
        referralResource: item["referralResource"],
        location: item["location"],
    };
}
function delegatedResourceDeserializer(item) {
    return {
        resourceId: item["resourceId"],
        tenantId: item["tenantId"],
        referralResource: item["referralResource"],
        location: item["location"],
    };
}
function managedServiceIdentityUserAssignedIdentitiesValueRecordSerializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key]
            ? item[key]
            : managedServiceIdentityUserAssignedIdentitiesValueSerializer(item[key]);
    });
    return result;
}
function managedServiceIdentityUserAssignedIdentitiesValueRecordDeserializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key]
            ? item[key]
            : managedServiceIdentityUserAssignedIdentitiesValueDeserializer(item[key]);
    });
    return result;
}
function managedServiceIdentityUserAssignedIdentitiesValueSerializer(_item) {
    return {};
}
function managedServiceIdentityUserAssignedIdentitiesValueDeserializer(item) {
    return {
        principalId: item["principalId"],
        clientId: item["clientId"],
    };
}
function tagsObjectSerializer(item) {
    return { tags: item["tags"] };
}
function _managedClusterListResultDeserializer(item) {
    return {
        value: managedClusterArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function managedClusterArrayDeserializer(result) {
    return result.map((item) => {
        return managedClusterDeserializer(item);
    });
}
function managedClusterAccessProfileDeserializer(item) {
    return {
        tags: !item["tags"]
            ? item["tags"]
            : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p])),
        location: item["location"],
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        ...(!item["properties"]
            ? item["properties"]
            : _managedClusterAccessProfilePropertiesDeserializer(item["properties"])),
    };
}
function credentialResultsDeserializer(item) {
    return {
        kubeconfigs: !item["kubeconfigs"]
            ? item["kubeconfigs"]
            : credentialResultArrayDeserializer(item["kubeconfigs"]),
    };
}
function credentialResultArrayDeserializer(result) {
    return result.map((item) => {
        return credentialResultDeserializer(item);
    });
}
function credentialResultDeserializer(item) {
    return {
        name: item["name"],
        value: !item["value"]
            ? item["value"]
            : typeof item["value"] === "string"
                ? stringToUint8Array(item["value"], "base64")
                : item["value"],
    };
}
function runCommandRequestSerializer(item) {
    return { command: item["command"], context: item["context"], clusterToken: item["clusterToken"] };
}
function runCommandResultDeserializer(item) {
    return {
        id: item["id"],
        ...(!item["properties"]
            ? item["properties"]
            : _runCommandResultPropertiesDeserializer(item["properties"])),
    };
}
function _outboundEnvironmentEndpointCollectionDeserializer(item) {
    return {
        value: outboundEnvironmentEndpointArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function outboundEnvironmentEndpointArrayDeserializer(result) {
    return result.map((item) => {
        return outboundEnvironmentEndpointDeserializer(item);
    });
}
function outboundEnvironmentEndpointDeserializer(item) {
    return {
        category: item["category"],
        endpoints: !item["endpoints"]
            ? item["endpoints"]
            : endpointDependencyArrayDeserializer(item["endpoints"]),
    };
}
function endpointDependencyArrayDeserializer(result) {
    return result.map((item) => {
        return endpointDependencyDeserializer(item);
    });
}
function endpointDependencyDeserializer(item) {
    return {
        domainName: item["domainName"],
        endpointDetails: !item["endpointDetails"]
            ? item["endpointDetails"]
            : endpointDetailArrayDeserializer(item["endpointDetails"]),
    };
}
function endpointDetailArrayDeserializer(result) {
    return result.map((item) => {
        return endpointDetailDeserializer(item);
    });
}
function endpointDetailDeserializer(item) {
    return {
        ipAddress: item["ipAddress"],
        port: item["port"],
        protocol: item["protocol"],
        description: item["description"],
    };
}
function managedClusterUpgradeProfileDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        ..._managedClusterUpgradeProfilePropertiesDeserializer(item["properties"]),
    };
}
function managedClusterPoolUpgradeProfileDeserializer(item) {
    return {
        kubernetesVersion: item["kubernetesVersion"],
        name: item["name"],
        osType: item["osType"],
        upgrades: !item["upgrades"]
            ? item["upgrades"]
            : managedClusterPoolUpgradeProfileUpgradesItemArrayDeserializer(item["upgrades"]),
    };
}
function managedClusterPoolUpgradeProfileUpgradesItemArrayDeserializer(result) {
    return result.map((item) => {
        return managedClusterPoolUpgradeProfileUpgradesItemDeserializer(item);
    });
}
function managedClusterPoolUpgradeProfileUpgradesItemDeserializer(item) {
    return {
        kubernetesVersion: item["kubernetesVersion"],
        isPreview: item["isPreview"],
    };
}
function managedClusterPoolUpgradeProfileArrayDeserializer(result) {
    return result.map((item) => {
        return managedClusterPoolUpgradeProfileDeserializer(item);
    });
}
function meshRevisionProfileDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        properties: !item["properties"]
            ? item["properties"]
            : meshRevisionProfilePropertiesDeserializer(item["properties"]),
    };
}
function meshRevisionProfilePropertiesDeserializer(item) {
    return {
        meshRevisions: !item["meshRevisions"]
            ? item["meshRevisions"]
            : meshRevisionArrayDeserializer(item["meshRevisions"]),
    };
}
function meshRevisionArrayDeserializer(result) {
    return result.map((item) => {
        return meshRevisionDeserializer(item);
    });
}
function meshRevisionDeserializer(item) {
    return {
        revision: item["revision"],
        upgrades: !item["upgrades"]
            ? item["upgrades"]
            : item["upgrades"].map((p) => {
                return p;
            }),
        compatibleWith: !item["compatibleWith"]
            ? item["compatibleWith"]
            : compatibleVersionsArrayDeserializer(item["compatibleWith"]),
    };
}
function compatibleVersionsArrayDeserializer(result) {
    return result.map((item) => {
        return compatibleVersionsDeserializer(item);
    });
}
function compatibleVersionsDeserializer(item) {
    return {
        name: item["name"],
        versions: !item["versions"]
            ? item["versions"]
            : item["versions"].map((p) => {
                return p;
            }),
    };
}
function _meshRevisionProfileListDeserializer(item) {
    return {
        value: meshRevisionProfileArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function meshRevisionProfileArrayDeserializer(result) {
    return result.map((item) => {
        return meshRevisionProfileDeserializer(item);
    });
}
function meshUpgradeProfileDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        properties: !item["properties"]
            ? item["properties"]
            : meshUpgradeProfilePropertiesDeserializer(item["properties"]),
    };
}
function meshUpgradeProfilePropertiesDeserializer(item) {
    return {
        revision: item["revision"],
        upgrades: !item["upgrades"]
            ? item["upgrades"]
            : item["upgrades"].map((p) => {
                return p;
            }),
        compatibleWith: !item["compatibleWith"]
            ? item["compatibleWith"]
            : compatibleVersionsArrayDeserializer(item["compatibleWith"]),
    };
}
function _meshUpgradeProfileListDeserializer(item) {
    return {
        value: meshUpgradeProfileArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function meshUpgradeProfileArrayDeserializer(result) {
    return result.map((item) => {
        return meshUpgradeProfileDeserializer(item);
    });
}
function kubernetesVersionListResultDeserializer(item) {
    return {
        values: !item["values"] ? item["values"] : kubernetesVersionArrayDeserializer(item["values"]),
    };
}
function kubernetesVersionArrayDeserializer(result) {
    return result.map((item) => {
        return kubernetesVersionDeserializer(item);
    });
}
function kubernetesVersionDeserializer(item) {
    return {
        version: item["version"],
        capabilities: !item["capabilities"]
            ? item["capabilities"]
            : kubernetesVersionCapabilitiesDeserializer(item["capabilities"]),
        isDefault: item["isDefault"],
        isPreview: item["isPreview"],
        patchVersions: !item["patchVersions"]
            ? item["patchVersions"]
            : kubernetesPatchVersionRecordDeserializer(item["patchVersions"]),
    };
}
function kubernetesVersionCapabilitiesDeserializer(item) {
    return {
        supportPlan: !item["supportPlan"]
            ? item["supportPlan"]
            : item["supportPlan"].map((p) => {
                return p;
            }),
    };
}
function kubernetesPatchVersionRecordDeserializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key] ? item[key] : kubernetesPatchVersionDeserializer(item[key]);
    });
    return result;
}
function kubernetesPatchVersionDeserializer(item) {
    return {
        upgrades: !item["upgrades"]
            ? item["upgrades"]
            : item["upgrades"].map((p) => {
                return p;
            }),
    };
}
function maintenanceConfigurationSerializer(item) {
    return {
        properties: areAllPropsUndefined(item, ["timeInWeek", "notAllowedTime", "maintenanceWindow"])
            ? undefined
            : _maintenanceConfigurationPropertiesSerializer(item),
    };
}
function maintenanceConfigurationDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        ...(!item["properties"]
            ? item["properties"]
            : _maintenanceConfigurationPropertiesDeserializer(item["properties"])),
    };
}
function timeInWeekArraySerializer(result) {
    return result.map((item) => {
        return timeInWeekSerializer(item);
    });
}
function timeInWeekArrayDeserializer(result) {
    return result.map((item) => {
        return timeInWeekDeserializer(item);
    });
}
function timeInWeekSerializer(item) {
    return {
        day: item["day"],
        hourSlots: !item["hourSlots"]
            ? item["hourSlots"]
            : item["hourSlots"].map((p) => {
                return p;
            }),
    };
}
function timeInWeekDeserializer(item) {
    return {
        day: item["day"],
        hourSlots: !item["hourSlots"]
            ? item["hourSlots"]
            : item["hourSlots"].map((p) => {
                return p;
            }),
    };
}
/** The weekday enum. */
var KnownWeekDay;
(function (KnownWeekDay) {
    /** Represents Sunday. */
    KnownWeekDay["Sunday"] = "Sunday";
    /** Represents Monday. */
    KnownWeekDay["Monday"] = "Monday";
    /** Represents Tuesday. */
    KnownWeekDay["Tuesday"] = "Tuesday";
    /** Represents Wednesday. */
    KnownWeekDay["Wednesday"] = "Wednesday";
    /** Represents Thursday. */
    KnownWeekDay["Thursday"] = "Thursday";
    /** Represents Friday. */
    KnownWeekDay["Friday"] = "Friday";
    /** Represents Saturday. */
    KnownWeekDay["Saturday"] = "Saturday";
})(KnownWeekDay || (KnownWeekDay = {}));
function timeSpanArraySerializer(result) {
    return result.map((item) => {
        return timeSpanSerializer(item);
    });
}
function timeSpanArrayDeserializer(result) {
    return result.map((item) => {
        return timeSpanDeserializer(item);
    });
}
function timeSpanSerializer(item) {
    return {
        start: !item["start"] ? item["start"] : item["start"].toISOString(),
        end: !item["end"] ? item["end"] : item["end"].toISOString(),
    };
}
function timeSpanDeserializer(item) {
    return {
        start: !item["start"] ? item["start"] : new Date(item["start"]),
        end: !item["end"] ? item["end"] : new Date(item["end"]),
    };
}
function maintenanceWindowSerializer(item) {
    return {
        schedule: scheduleSerializer(item["schedule"]),
        durationHours: item["durationHours"],
        utcOffset: item["utcOffset"],
        startDate: !item["startDate"]
            ? item["startDate"]
            : item["startDate"].toISOString().split("T")[0],
        startTime: item["startTime"],
        notAllowedDates: !item["notAllowedDates"]
            ? item["notAllowedDates"]
            : dateSpanArraySerializer(item["notAllowedDates"]),
    };
}
function maintenanceWindowDeserializer(item) {
    return {
        schedule: scheduleDeserializer(item["schedule"]),
        durationHours: item["durationHours"],
        utcOffset: item["utcOffset"],
        startDate: !item["startDate"] ? item["startDate"] : new Date(item["startDate"]),
        startTime: item["startTime"],
        notAllowedDates: !item["notAllowedDates"]
            ? item["notAllowedDates"]
            : dateSpanArrayDeserializer(item["notAllowedDates"]),
    };
}
function scheduleSerializer(item) {
    return {
        daily: !item["daily"] ? item["daily"] : dailyScheduleSerializer(item["daily"]),
        weekly: !item["weekly"] ? item["weekly"] : weeklyScheduleSerializer(item["weekly"]),
        absoluteMonthly: !item["absoluteMonthly"]
            ? item["absoluteMonthly"]
            : absoluteMonthlyScheduleSerializer(item["absoluteMonthly"]),
        relativeMonthly: !item["relativeMonthly"]
            ? item["relativeMonthly"]
            : relativeMonthlyScheduleSerializer(item["relativeMonthly"]),
    };
}
function scheduleDeserializer(item) {
    return {
        daily: !item["daily"] ? item["daily"] : dailyScheduleDeserializer(item["daily"]),
        weekly: !item["weekly"] ? item["weekly"] : weeklyScheduleDeserializer(item["weekly"]),
        absoluteMonthly: !item["absoluteMonthly"]
            ? item["absoluteMonthly"]
            : absoluteMonthlyScheduleDeserializer(item["absoluteMonthly"]),
        relativeMonthly: !item["relativeMonthly"]
            ? item["relativeMonthly"]
            : relativeMonthlyScheduleDeserializer(item["relativeMonthly"]),
    };
}
function dailyScheduleSerializer(item) {
    return { intervalDays: item["intervalDays"] };
}
function dailyScheduleDeserializer(item) {
    return {
        intervalDays: item["intervalDays"],
    };
}
function weeklyScheduleSerializer(item) {
    return { intervalWeeks: item["intervalWeeks"], dayOfWeek: item["dayOfWeek"] };
}
function weeklyScheduleDeserializer(item) {
    return {
        intervalWeeks: item["intervalWeeks"],
        dayOfWeek: item["dayOfWeek"],
    };
}
function absoluteMonthlyScheduleSerializer(item) {
    return { intervalMonths: item["intervalMonths"], dayOfMonth: item["dayOfMonth"] };
}
function absoluteMonthlyScheduleDeserializer(item) {
    return {
        intervalMonths: item["intervalMonths"],
        dayOfMonth: item["dayOfMonth"],
    };
}
function relativeMonthlyScheduleSerializer(item) {
    return {
        intervalMonths: item["intervalMonths"],
        weekIndex: item["weekIndex"],
        dayOfWeek: item["dayOfWeek"],
    };
}
function relativeMonthlyScheduleDeserializer(item) {
    return {
        intervalMonths: item["intervalMonths"],
        weekIndex: item["weekIndex"],
        dayOfWeek: item["dayOfWeek"],
    };
}
/** The week index. Specifies on which week of the month the dayOfWeek applies. */
var KnownType;
(function (KnownType) {
    /** First week of the month. */
    KnownType["First"] = "First";
    /** Second week of the month. */
    KnownType["Second"] = "Second";
    /** Third week of the month. */
    KnownType["Third"] = "Third";
    /** Fourth week of the month. */
    KnownType["Fourth"] = "Fourth";
    /** Last week of the month. */
    KnownType["Last"] = "Last";
})(KnownType || (KnownType = {}));
function dateSpanArraySerializer(result) {
    return result.map((item) => {
        return dateSpanSerializer(item);
    });
}
function dateSpanArrayDeserializer(result) {
    return result.map((item) => {
        return dateSpanDeserializer(item);
    });
}
function dateSpanSerializer(item) {
    return {
        start: item["start"].toISOString().split("T")[0],
        end: item["end"].toISOString().split("T")[0],
    };
}
function dateSpanDeserializer(item) {
    return {
        start: new Date(item["start"]),
        end: new Date(item["end"]),
    };
}
function _maintenanceConfigurationListResultDeserializer(item) {
    return {
        value: maintenanceConfigurationArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function maintenanceConfigurationArrayDeserializer(result) {
    return result.map((item) => {
        return maintenanceConfigurationDeserializer(item);
    });
}
function managedNamespaceSerializer(item) {
    return {
        tags: item["tags"],
        location: item["location"],
        properties: !item["properties"]
            ? item["properties"]
            : namespacePropertiesSerializer(item["properties"]),
    };
}
function managedNamespaceDeserializer(item) {
    return {
        tags: !item["tags"]
            ? item["tags"]
            : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p])),
        location: item["location"],
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        properties: !item["properties"]
            ? item["properties"]
            : namespacePropertiesDeserializer(item["properties"]),
        eTag: item["eTag"],
    };
}
function namespacePropertiesSerializer(item) {
    return {
        labels: item["labels"],
        annotations: item["annotations"],
        defaultResourceQuota: !item["defaultResourceQuota"]
            ? item["defaultResourceQuota"]
            : resourceQuotaSerializer(item["defaultResourceQuota"]),
        defaultNetworkPolicy: !item["defaultNetworkPolicy"]
            ? item["defaultNetworkPolicy"]
            : networkPoliciesSerializer(item["defaultNetworkPolicy"]),
        adoptionPolicy: item["adoptionPolicy"],
        deletePolicy: item["deletePolicy"],
    };
}
function namespacePropertiesDeserializer(item) {
    return {
        provisioningState: item["provisioningState"],
        labels: !item["labels"]
            ? item["labels"]
            : Object.fromEntries(Object.entries(item["labels"]).map(([k, p]) => [k, p])),
        annotations: !item["annotations"]
            ? item["annotations"]
            : Object.fromEntries(Object.entries(item["annotations"]).map(([k, p]) => [k, p])),
        portalFqdn: item["portalFqdn"],
        defaultResourceQuota: !item["defaultResourceQuota"]
            ? item["defaultResourceQuota"]
            : resourceQuotaDeserializer(item["defaultResourceQuota"]),
        defaultNetworkPolicy: !item["defaultNetworkPolicy"]
            ? item["defaultNetworkPolicy"]
            : networkPoliciesDeserializer(item["defaultNetworkPolicy"]),
        adoptionPolicy: item["adoptionPolicy"],
        deletePolicy: item["deletePolicy"],
    };
}
/** The current provisioning state of the namespace. */
var KnownNamespaceProvisioningState;
(function (KnownNamespaceProvisioningState) {
    /** The namespace is being updated. */
    KnownNamespaceProvisioningState["Updating"] = "Updating";
    /** The namespace is being deleted. */
    KnownNamespaceProvisioningState["Deleting"] = "Deleting";
    /** The namespace is being created. */
    KnownNamespaceProvisioningState["Creating"] = "Creating";
    /** The namespace provisioning succeeded. */
    KnownNamespaceProvisioningState["Succeeded"] = "Succeeded";
    /** The namespace provisioning failed. */
    KnownNamespaceProvisioningState["Failed"] = "Failed";
    /** The namespace provisioning was canceled. */
    KnownNamespaceProvisioningState["Canceled"] = "Canceled";
})(KnownNamespaceProvisioningState || (KnownNamespaceProvisioningState = {}));
function resourceQuotaSerializer(item) {
    return {
        cpuRequest: item["cpuRequest"],
        cpuLimit: item["cpuLimit"],
        memoryRequest: item["memoryRequest"],
        memoryLimit: item["memoryLimit"],
    };
}
function resourceQuotaDeserializer(item) {
    return {
        cpuRequest: item["cpuRequest"],
        cpuLimit: item["cpuLimit"],
        memoryRequest: item["memoryRequest"],
        memoryLimit: item["memoryLimit"],
    };
}
function networkPoliciesSerializer(item) {
    return { ingress: item["ingress"], egress: item["egress"] };
}
function networkPoliciesDeserializer(item) {
    return {
        ingress: item["ingress"],
        egress: item["egress"],
    };
}
/** Enum representing different network policy rules. */
var KnownPolicyRule;
(function (KnownPolicyRule) {
    /** Deny all network traffic. */
    KnownPolicyRule["DenyAll"] = "DenyAll";
    /** Allow all network traffic. */
    KnownPolicyRule["AllowAll"] = "AllowAll";
    /** Allow traffic within the same namespace. */
    KnownPolicyRule["AllowSameNamespace"] = "AllowSameNamespace";
})(KnownPolicyRule || (KnownPolicyRule = {}));
/** Action if Kubernetes namespace with same name already exists. */
var KnownAdoptionPolicy;
(function (KnownAdoptionPolicy) {
    /** If the namespace already exists in Kubernetes, attempts to create that same namespace in ARM will fail. */
    KnownAdoptionPolicy["Never"] = "Never";
    /** Take over the existing namespace to be managed by ARM, if there is no difference. */
    KnownAdoptionPolicy["IfIdentical"] = "IfIdentical";
    /** Always take over the existing namespace to be managed by ARM, some fields might be overwritten. */
    KnownAdoptionPolicy["Always"] = "Always";
})(KnownAdoptionPolicy || (KnownAdoptionPolicy = {}));
/** Delete options of a namespace. */
var KnownDeletePolicy;
(function (KnownDeletePolicy) {
    /** Only delete the ARM resource, keep the Kubernetes namespace. Also delete the ManagedByARM label. */
    KnownDeletePolicy["Keep"] = "Keep";
    /** Delete both the ARM resource and the Kubernetes namespace together. */
    KnownDeletePolicy["Delete"] = "Delete";
})(KnownDeletePolicy || (KnownDeletePolicy = {}));
function _managedNamespaceListResultDeserializer(item) {
    return {
        value: managedNamespaceArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function managedNamespaceArrayDeserializer(result) {
    return result.map((item) => {
        return managedNamespaceDeserializer(item);
    });
}
function machineDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        properties: !item["properties"]
            ? item["properties"]
            : machinePropertiesDeserializer(item["properties"]),
        zones: !item["zones"]
            ? item["zones"]
            : item["zones"].map((p) => {
                return p;
            }),
    };
}
function machinePropertiesDeserializer(item) {
    return {
        network: !item["network"]
            ? item["network"]
            : machineNetworkPropertiesDeserializer(item["network"]),
        resourceId: item["resourceId"],
    };
}
function machineNetworkPropertiesDeserializer(item) {
    return {
        ipAddresses: !item["ipAddresses"]
            ? item["ipAddresses"]
            : machineIpAddressArrayDeserializer(item["ipAddresses"]),
    };
}
function machineIpAddressArrayDeserializer(result) {
    return result.map((item) => {
        return machineIpAddressDeserializer(item);
    });
}
function machineIpAddressDeserializer(item) {
    return {
        family: item["family"],
        ip: item["ip"],
    };
}
function _machineListResultDeserializer(item) {
    return {
        value: machineArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function machineArrayDeserializer(result) {
    return result.map((item) => {
        return machineDeserializer(item);
    });
}
function privateEndpointConnectionSerializer(item) {
    return {
        properties: areAllPropsUndefined(item, ["privateEndpoint", "privateLinkServiceConnectionState"])
            ? undefined
            : _privateEndpointConnectionPropertiesSerializer(item),
    };
}
function privateEndpointConnectionDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        ...(!item["properties"]
            ? item["properties"]
            : _privateEndpointConnectionPropertiesDeserializer(item["properties"])),
    };
}
/** The current provisioning state. */
var KnownPrivateEndpointConnectionProvisioningState;
(function (KnownPrivateEndpointConnectionProvisioningState) {
    /** Private endpoint connection provisioning was canceled. */
    KnownPrivateEndpointConnectionProvisioningState["Canceled"] = "Canceled";
    /** Private endpoint connection is being created. */
    KnownPrivateEndpointConnectionProvisioningState["Creating"] = "Creating";
    /** Private endpoint connection is being deleted. */
    KnownPrivateEndpointConnectionProvisioningState["Deleting"] = "Deleting";
    /** Private endpoint connection provisioning failed. */
    KnownPrivateEndpointConnectionProvisioningState["Failed"] = "Failed";
    /** Private endpoint connection provisioning succeeded. */
    KnownPrivateEndpointConnectionProvisioningState["Succeeded"] = "Succeeded";
})(KnownPrivateEndpointConnectionProvisioningState || (KnownPrivateEndpointConnectionProvisioningState = {}));
function privateEndpointSerializer(item) {
    return { id: item["id"] };
}
function privateEndpointDeserializer(item) {
    return {
        id: item["id"],
    };
}
function privateLinkServiceConnectionStateSerializer(item) {
    return { status: item["status"], description: item["description"] };
}
function privateLinkServiceConnectionStateDeserializer(item) {
    return {
        status: item["status"],
        description: item["description"],
    };
}
/** The private link service connection status. */
var KnownConnectionStatus;
(function (KnownConnectionStatus) {
    /** Connection is pending approval. */
    KnownConnectionStatus["Pending"] = "Pending";
    /** Connection is approved. */
    KnownConnectionStatus["Approved"] = "Approved";
    /** Connection is rejected. */
    KnownConnectionStatus["Rejected"] = "Rejected";
    /** Connection is disconnected. */
    KnownConnectionStatus["Disconnected"] = "Disconnected";
})(KnownConnectionStatus || (KnownConnectionStatus = {}));
function privateEndpointConnectionListResultDeserializer(item) {
    return {
        value: !item["value"]
            ? item["value"]
            : privateEndpointConnectionArrayDeserializer(item["value"]),
    };
}
function privateEndpointConnectionArrayDeserializer(result) {
    return result.map((item) => {
        return privateEndpointConnectionDeserializer(item);
    });
}
function snapshotSerializer(item) {
    return {
        tags: item["tags"],
        location: item["location"],
        properties: areAllPropsUndefined(item, ["creationData", "snapshotType"])
            ? undefined
            : _snapshotPropertiesSerializer(item),
    };
}
function snapshotDeserializer(item) {
    return {
        tags: !item["tags"]
            ? item["tags"]
            : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p])),
        location: item["location"],
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        ...(!item["properties"]
            ? item["properties"]
            : _snapshotPropertiesDeserializer(item["properties"])),
    };
}
/** The type of a snapshot. The default is NodePool. */
var KnownSnapshotType;
(function (KnownSnapshotType) {
    /** The snapshot is a snapshot of a node pool. */
    KnownSnapshotType["NodePool"] = "NodePool";
})(KnownSnapshotType || (KnownSnapshotType = {}));
function _snapshotListResultDeserializer(item) {
    return {
        value: snapshotArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function snapshotArrayDeserializer(result) {
    return result.map((item) => {
        return snapshotDeserializer(item);
    });
}
function trustedAccessRoleBindingSerializer(item) {
    return { properties: _trustedAccessRoleBindingPropertiesSerializer(item) };
}
function trustedAccessRoleBindingDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        ..._trustedAccessRoleBindingPropertiesDeserializer(item["properties"]),
    };
}
/** The current provisioning state of trusted access role binding. */
var KnownTrustedAccessRoleBindingProvisioningState;
(function (KnownTrustedAccessRoleBindingProvisioningState) {
    /** Trusted access role binding provisioning was canceled. */
    KnownTrustedAccessRoleBindingProvisioningState["Canceled"] = "Canceled";
    /** Trusted access role binding is being deleted. */
    KnownTrustedAccessRoleBindingProvisioningState["Deleting"] = "Deleting";
    /** Trusted access role binding provisioning failed. */
    KnownTrustedAccessRoleBindingProvisioningState["Failed"] = "Failed";
    /** Trusted access role binding provisioning succeeded. */
    KnownTrustedAccessRoleBindingProvisioningState["Succeeded"] = "Succeeded";
    /** Trusted access role binding is being updated. */
    KnownTrustedAccessRoleBindingProvisioningState["Updating"] = "Updating";
})(KnownTrustedAccessRoleBindingProvisioningState || (KnownTrustedAccessRoleBindingProvisioningState = {}));
function _trustedAccessRoleBindingListResultDeserializer(item) {
    return {
        value: trustedAccessRoleBindingArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function trustedAccessRoleBindingArrayDeserializer(result) {
    return result.map((item) => {
        return trustedAccessRoleBindingDeserializer(item);
    });
}
function identityBindingSerializer(item) {
    return {
        properties: !item["properties"]
            ? item["properties"]
            : identityBindingPropertiesSerializer(item["properties"]),
    };
}
function identityBindingDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        properties: !item["properties"]
            ? item["properties"]
            : identityBindingPropertiesDeserializer(item["properties"]),
        eTag: item["eTag"],
    };
}
function identityBindingPropertiesSerializer(item) {
    return {
        managedIdentity: identityBindingManagedIdentityProfileSerializer(item["managedIdentity"]),
    };
}
function identityBindingPropertiesDeserializer(item) {
    return {
        managedIdentity: identityBindingManagedIdentityProfileDeserializer(item["managedIdentity"]),
        oidcIssuer: !item["oidcIssuer"]
            ? item["oidcIssuer"]
            : identityBindingOidcIssuerProfileDeserializer(item["oidcIssuer"]),
        provisioningState: item["provisioningState"],
    };
}
function identityBindingManagedIdentityProfileSerializer(item) {
    return { resourceId: item["resourceId"] };
}
function identityBindingManagedIdentityProfileDeserializer(item) {
    return {
        resourceId: item["resourceId"],
        objectId: item["objectId"],
        clientId: item["clientId"],
        tenantId: item["tenantId"],
    };
}
function identityBindingOidcIssuerProfileDeserializer(item) {
    return {
        oidcIssuerUrl: item["oidcIssuerUrl"],
    };
}
/** The provisioning state of the last accepted operation. */
var KnownIdentityBindingProvisioningState;
(function (KnownIdentityBindingProvisioningState) {
    /** Resource has been created. */
    KnownIdentityBindingProvisioningState["Succeeded"] = "Succeeded";
    /** Resource creation failed. */
    KnownIdentityBindingProvisioningState["Failed"] = "Failed";
    /** Resource creation was canceled. */
    KnownIdentityBindingProvisioningState["Canceled"] = "Canceled";
    /** The identity binding is being created. */
    KnownIdentityBindingProvisioningState["Creating"] = "Creating";
    /** The identity binding is being updated. */
    KnownIdentityBindingProvisioningState["Updating"] = "Updating";
    /** The identity binding is being deleted. */
    KnownIdentityBindingProvisioningState["Deleting"] = "Deleting";
})(KnownIdentityBindingProvisioningState || (KnownIdentityBindingProvisioningState = {}));
function _identityBindingListResultDeserializer(item) {
    return {
        value: identityBindingArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function identityBindingArrayDeserializer(result) {
    return result.map((item) => {
        return identityBindingDeserializer(item);
    });
}
function _operationListResultDeserializer(item) {
    return {
        value: operationValueArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function operationValueArrayDeserializer(result) {
    return result.map((item) => {
        return operationValueDeserializer(item);
    });
}
function operationValueDeserializer(item) {
    return {
        origin: item["origin"],
        name: item["name"],
        ...(!item["display"] ? item["display"] : _operationValueDisplayDeserializer(item["display"])),
    };
}
function privateLinkResourcesListResultDeserializer(item) {
    return {
        value: !item["value"] ? item["value"] : privateLinkResourceArrayDeserializer(item["value"]),
    };
}
function _trustedAccessRoleListResultDeserializer(item) {
    return {
        value: trustedAccessRoleArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function trustedAccessRoleArrayDeserializer(result) {
    return result.map((item) => {
        return trustedAccessRoleDeserializer(item);
    });
}
function trustedAccessRoleDeserializer(item) {
    return {
        sourceResourceType: item["sourceResourceType"],
        name: item["name"],
        rules: !item["rules"] ? item["rules"] : trustedAccessRoleRuleArrayDeserializer(item["rules"]),
    };
}
function trustedAccessRoleRuleArrayDeserializer(result) {
    return result.map((item) => {
        return trustedAccessRoleRuleDeserializer(item);
    });
}
function trustedAccessRoleRuleDeserializer(item) {
    return {
        verbs: !item["verbs"]
            ? item["verbs"]
            : item["verbs"].map((p) => {
                return p;
            }),
        apiGroups: !item["apiGroups"]
            ? item["apiGroups"]
            : item["apiGroups"].map((p) => {
                return p;
            }),
        resources: !item["resources"]
            ? item["resources"]
            : item["resources"].map((p) => {
                return p;
            }),
        resourceNames: !item["resourceNames"]
            ? item["resourceNames"]
            : item["resourceNames"].map((p) => {
                return p;
            }),
        nonResourceURLs: !item["nonResourceURLs"]
            ? item["nonResourceURLs"]
            : item["nonResourceURLs"].map((p) => {
                return p;
            }),
    };
}
/** The format of the kubeconfig credential. */
var KnownFormat;
(function (KnownFormat) {
    /** Return azure auth-provider kubeconfig. This format is deprecated in v1.22 and will be fully removed in v1.26. See: https://aka.ms/k8s/changes-1-26. */
    KnownFormat["Azure"] = "azure";
    /** Return exec format kubeconfig. This format requires kubelogin binary in the path. */
    KnownFormat["Exec"] = "exec";
})(KnownFormat || (KnownFormat = {}));
/** The available API versions. */
var KnownVersions;
(function (KnownVersions) {
    /** The 2025-10-01 API version. */
    KnownVersions["V20251001"] = "2025-10-01";
    /** The 2026-01-01 API version. */
    KnownVersions["V20260101"] = "2026-01-01";
    /** The 2026-02-01 API version. */
    KnownVersions["V20260201"] = "2026-02-01";
    /** The 2026-03-01 API version. */
    KnownVersions["V20260301"] = "2026-03-01";
    /** The 2026-04-01 API version. */
    KnownVersions["V20260401"] = "2026-04-01";
    /** The 2026-05-01 API version. */
    KnownVersions["V20260501"] = "2026-05-01";
    /** The 2026-06-01 API version. */
    KnownVersions["V20260601"] = "2026-06-01";
})(KnownVersions || (KnownVersions = {}));
function _agentPoolPropertiesSerializer(item) {
    return {
        count: item["count"],
        vmSize: item["vmSize"],
        osDiskSizeGB: item["osDiskSizeGB"],
        osDiskType: item["osDiskType"],
        kubeletDiskType: item["kubeletDiskType"],
        workloadRuntime: item["workloadRuntime"],
        messageOfTheDay: item["messageOfTheDay"],
        vnetSubnetID: item["vnetSubnetID"],
        podSubnetID: item["podSubnetID"],
        podIPAllocationMode: item["podIPAllocationMode"],
        maxPods: item["maxPods"],
        osType: item["osType"],
        osSKU: item["osSKU"],
        maxCount: item["maxCount"],
        minCount: item["minCount"],
        enableAutoScaling: item["enableAutoScaling"],
        scaleDownMode: item["scaleDownMode"],
        type: item["typePropertiesType"],
        mode: item["mode"],
        orchestratorVersion: item["orchestratorVersion"],
        nodeImageVersion: item["nodeImageVersion"],
        upgradeSettings: !item["upgradeSettings"]
            ? item["upgradeSettings"]
            : agentPoolUpgradeSettingsSerializer(item["upgradeSettings"]),
        powerState: !item["powerState"] ? item["powerState"] : powerStateSerializer(item["powerState"]),
        availabilityZones: !item["availabilityZones"]
            ? item["availabilityZones"]
            : item["availabilityZones"].map((p) => {
                return p;
            }),
        enableNodePublicIP: item["enableNodePublicIP"],
        nodePublicIPPrefixID: item["nodePublicIPPrefixID"],
        scaleSetPriority: item["scaleSetPriority"],
        scaleSetEvictionPolicy: item["scaleSetEvictionPolicy"],
        spotMaxPrice: item["spotMaxPrice"],
        tags: item["tags"],
        nodeLabels: item["nodeLabels"],
        nodeTaints: !item["nodeTaints"]
            ? item["nodeTaints"]
            : item["nodeTaints"].map((p) => {
                return p;
            }),
        proximityPlacementGroupID: item["proximityPlacementGroupID"],
        kubeletConfig: !item["kubeletConfig"]
            ? item["kubeletConfig"]
            : kubeletConfigSerializer(item["kubeletConfig"]),
        linuxOSConfig: !item["linuxOSConfig"]
            ? item["linuxOSConfig"]
            : linuxOSConfigSerializer(item["linuxOSConfig"]),
        enableEncryptionAtHost: item["enableEncryptionAtHost"],
        enableUltraSSD: item["enableUltraSSD"],
        enableFIPS: item["enableFips"],
        gpuInstanceProfile: item["gpuInstanceProfile"],
        creationData: !item["creationData"]
            ? item["creationData"]
            : creationDataSerializer(item["creationData"]),
        capacityReservationGroupID: item["capacityReservationGroupID"],
        hostGroupID: item["hostGroupID"],
        networkProfile: !item["networkProfile"]
            ? item["networkProfile"]
            : agentPoolNetworkProfileSerializer(item["networkProfile"]),
        windowsProfile: !item["windowsProfile"]
            ? item["windowsProfile"]
            : agentPoolWindowsProfileSerializer(item["windowsProfile"]),
        securityProfile: !item["securityProfile"]
            ? item["securityProfile"]
            : agentPoolSecurityProfileSerializer(item["securityProfile"]),
        gpuProfile: !item["gpuProfile"] ? item["gpuProfile"] : gpuProfileSerializer(item["gpuProfile"]),
        gatewayProfile: !item["gatewayProfile"]
            ? item["gatewayProfile"]
            : agentPoolGatewayProfileSerializer(item["gatewayProfile"]),
        artifactStreamingProfile: !item["artifactStreamingProfile"]
            ? item["artifactStreamingProfile"]
            : agentPoolArtifactStreamingProfileSerializer(item["artifactStreamingProfile"]),
        virtualMachinesProfile: !item["virtualMachinesProfile"]
            ? item["virtualMachinesProfile"]
            : virtualMachinesProfileSerializer(item["virtualMachinesProfile"]),
        virtualMachineNodesStatus: !item["virtualMachineNodesStatus"]
            ? item["virtualMachineNodesStatus"]
            : virtualMachineNodesArraySerializer(item["virtualMachineNodesStatus"]),
        status: !item["status"] ? item["status"] : agentPoolStatusSerializer(item["status"]),
        localDNSProfile: !item["localDNSProfile"]
            ? item["localDNSProfile"]
            : localDNSProfileSerializer(item["localDNSProfile"]),
    };
}
function _agentPoolPropertiesDeserializer(item) {
    return {
        eTag: item["eTag"],
        count: item["count"],
        vmSize: item["vmSize"],
        osDiskSizeGB: item["osDiskSizeGB"],
        osDiskType: item["osDiskType"],
        kubeletDiskType: item["kubeletDiskType"],
        workloadRuntime: item["workloadRuntime"],
        messageOfTheDay: item["messageOfTheDay"],
        vnetSubnetID: item["vnetSubnetID"],
        podSubnetID: item["podSubnetID"],
        podIPAllocationMode: item["podIPAllocationMode"],
        maxPods: item["maxPods"],
        osType: item["osType"],
        osSKU: item["osSKU"],
        maxCount: item["maxCount"],
        minCount: item["minCount"],
        enableAutoScaling: item["enableAutoScaling"],
        scaleDownMode: item["scaleDownMode"],
        typePropertiesType: item["type"],
        mode: item["mode"],
        orchestratorVersion: item["orchestratorVersion"],
        currentOrchestratorVersion: item["currentOrchestratorVersion"],
        nodeImageVersion: item["nodeImageVersion"],
        upgradeSettings: !item["upgradeSettings"]
            ? item["upgradeSettings"]
            : agentPoolUpgradeSettingsDeserializer(item["upgradeSettings"]),
        provisioningState: item["provisioningState"],
        powerState: !item["powerState"]
            ? item["powerState"]
            : powerStateDeserializer(item["powerState"]),
        availabilityZones: !item["availabilityZones"]
            ? item["availabilityZones"]
            : item["availabilityZones"].map((p) => {
                return p;
            }),
        enableNodePublicIP: item["enableNodePublicIP"],
        nodePublicIPPrefixID: item["nodePublicIPPrefixID"],
        scaleSetPriority: item["scaleSetPriority"],
        scaleSetEvictionPolicy: item["scaleSetEvictionPolicy"],
        spotMaxPrice: item["spotMaxPrice"],
        tags: !item["tags"]
            ? item["tags"]
            : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p])),
        nodeLabels: !item["nodeLabels"]
            ? item["nodeLabels"]
            : Object.fromEntries(Object.entries(item["nodeLabels"]).map(([k, p]) => [k, p])),
        nodeTaints: !item["nodeTaints"]
            ? item["nodeTaints"]
            : item["nodeTaints"].map((p) => {
                return p;
            }),
        proximityPlacementGroupID: item["proximityPlacementGroupID"],
        kubeletConfig: !item["kubeletConfig"]
            ? item["kubeletConfig"]
            : kubeletConfigDeserializer(item["kubeletConfig"]),
        linuxOSConfig: !item["linuxOSConfig"]
            ? item["linuxOSConfig"]
            : linuxOSConfigDeserializer(item["linuxOSConfig"]),
        enableEncryptionAtHost: item["enableEncryptionAtHost"],
        enableUltraSSD: item["enableUltraSSD"],
        enableFips: item["enableFIPS"],
        gpuInstanceProfile: item["gpuInstanceProfile"],
        creationData: !item["creationData"]
            ? item["creationData"]
            : creationDataDeserializer(item["creationData"]),
        capacityReservationGroupID: item["capacityReservationGroupID"],
        hostGroupID: item["hostGroupID"],
        networkProfile: !item["networkProfile"]
            ? item["networkProfile"]
            : agentPoolNetworkProfileDeserializer(item["networkProfile"]),
        windowsProfile: !item["windowsProfile"]
            ? item["windowsProfile"]
            : agentPoolWindowsProfileDeserializer(item["windowsProfile"]),
        securityProfile: !item["securityProfile"]
            ? item["securityProfile"]
            : agentPoolSecurityProfileDeserializer(item["securityProfile"]),
        gpuProfile: !item["gpuProfile"]
            ? item["gpuProfile"]
            : gpuProfileDeserializer(item["gpuProfile"]),
        gatewayProfile: !item["gatewayProfile"]
            ? item["gatewayProfile"]
            : agentPoolGatewayProfileDeserializer(item["gatewayProfile"]),
        artifactStreamingProfile: !item["artifactStreamingProfile"]
            ? item["artifactStreamingProfile"]
            : agentPoolArtifactStreamingProfileDeserializer(item["artifactStreamingProfile"]),
        virtualMachinesProfile: !item["virtualMachinesProfile"]
            ? item["virtualMachinesProfile"]
            : virtualMachinesProfileDeserializer(item["virtualMachinesProfile"]),
        virtualMachineNodesStatus: !item["virtualMachineNodesStatus"]
            ? item["virtualMachineNodesStatus"]
            : virtualMachineNodesArrayDeserializer(item["virtualMachineNodesStatus"]),
        status: !item["status"] ? item["status"] : agentPoolStatusDeserializer(item["status"]),
        localDNSProfile: !item["localDNSProfile"]
            ? item["localDNSProfile"]
            : localDNSProfileDeserializer(item["localDNSProfile"]),
    };
}
function _agentPoolAvailableVersionsPropertiesDeserializer(item) {
    return {
        agentPoolVersions: !item["agentPoolVersions"]
            ? item["agentPoolVersions"]
            : agentPoolAvailableVersionsPropertiesAgentPoolVersionsItemArrayDeserializer(item["agentPoolVersions"]),
    };
}
function _agentPoolUpgradeProfilePropertiesDeserializer(item) {
    return {
        kubernetesVersion: item["kubernetesVersion"],
        osType: item["osType"],
        upgrades: !item["upgrades"]
            ? item["upgrades"]
            : agentPoolUpgradeProfilePropertiesUpgradesItemArrayDeserializer(item["upgrades"]),
        recentlyUsedVersions: !item["recentlyUsedVersions"]
            ? item["recentlyUsedVersions"]
            : agentPoolRecentlyUsedVersionArrayDeserializer(item["recentlyUsedVersions"]),
        latestNodeImageVersion: item["latestNodeImageVersion"],
    };
}
function _managedClusterPropertiesSerializer(item) {
    return {
        kubernetesVersion: item["kubernetesVersion"],
        dnsPrefix: item["dnsPrefix"],
        fqdnSubdomain: item["fqdnSubdomain"],
        agentPoolProfiles: !item["agentPoolProfiles"]
            ? item["agentPoolProfiles"]
            : managedClusterAgentPoolProfileArraySerializer(item["agentPoolProfiles"]),
        linuxProfile: !item["linuxProfile"]
            ? item["linuxProfile"]
            : containerServiceLinuxProfileSerializer(item["linuxProfile"]),
        windowsProfile: !item["windowsProfile"]
            ? item["windowsProfile"]
            : managedClusterWindowsProfileSerializer(item["windowsProfile"]),
        servicePrincipalProfile: !item["servicePrincipalProfile"]
            ? item["servicePrincipalProfile"]
            : managedClusterServicePrincipalProfileSerializer(item["servicePrincipalProfile"]),
        addonProfiles: !item["addonProfiles"]
            ? item["addonProfiles"]
            : managedClusterAddonProfileRecordSerializer(item["addonProfiles"]),
        podIdentityProfile: !item["podIdentityProfile"]
            ? item["podIdentityProfile"]
            : managedClusterPodIdentityProfileSerializer(item["podIdentityProfile"]),
        oidcIssuerProfile: !item["oidcIssuerProfile"]
            ? item["oidcIssuerProfile"]
            : managedClusterOidcIssuerProfileSerializer(item["oidcIssuerProfile"]),
        nodeResourceGroup: item["nodeResourceGroup"],
        nodeResourceGroupProfile: !item["nodeResourceGroupProfile"]
            ? item["nodeResourceGroupProfile"]
            : managedClusterNodeResourceGroupProfileSerializer(item["nodeResourceGroupProfile"]),
        enableRBAC: item["enableRbac"],
        supportPlan: item["supportPlan"],
        networkProfile: !item["networkProfile"]
            ? item["networkProfile"]
            : containerServiceNetworkProfileSerializer(item["networkProfile"]),
        aadProfile: !item["aadProfile"]
            ? item["aadProfile"]
            : managedClusterAADProfileSerializer(item["aadProfile"]),
        autoUpgradeProfile: !item["autoUpgradeProfile"]
            ? item["autoUpgradeProfile"]
            : managedClusterAutoUpgradeProfileSerializer(item["autoUpgradeProfile"]),
        upgradeSettings: !item["upgradeSettings"]
            ? item["upgradeSettings"]
            : clusterUpgradeSettingsSerializer(item["upgradeSettings"]),
        autoScalerProfile: !item["autoScalerProfile"]
            ? item["autoScalerProfile"]
            : managedClusterPropertiesAutoScalerProfileSerializer(item["autoScalerProfile"]),
        apiServerAccessProfile: !item["apiServerAccessProfile"]
            ? item["apiServerAccessProfile"]
            : managedClusterAPIServerAccessProfileSerializer(item["apiServerAccessProfile"]),
        diskEncryptionSetID: item["diskEncryptionSetID"],
        identityProfile: !item["identityProfile"]
            ? item["identityProfile"]
            : userAssignedIdentityRecordSerializer(item["identityProfile"]),
        privateLinkResources: !item["privateLinkResources"]
            ? item["privateLinkResources"]
            : privateLinkResourceArraySerializer(item["privateLinkResources"]),
        disableLocalAccounts: item["disableLocalAccounts"],
        httpProxyConfig: !item["httpProxyConfig"]
            ? item["httpProxyConfig"]
            : managedClusterHttpProxyConfigSerializer(item["httpProxyConfig"]),
        securityProfile: !item["securityProfile"]
            ? item["securityProfile"]
            : managedClusterSecurityProfileSerializer(item["securityProfile"]),
        storageProfile: !item["storageProfile"]
            ? item["storageProfile"]
            : managedClusterStorageProfileSerializer(item["storageProfile"]),
        ingressProfile: !item["ingressProfile"]
            ? item["ingressProfile"]
            : managedClusterIngressProfileSerializer(item["ingressProfile"]),
        publicNetworkAccess: item["publicNetworkAccess"],
        workloadAutoScalerProfile: !item["workloadAutoScalerProfile"]
            ? item["workloadAutoScalerProfile"]
            : managedClusterWorkloadAutoScalerProfileSerializer(item["workloadAutoScalerProfile"]),
        azureMonitorProfile: !item["azureMonitorProfile"]
            ? item["azureMonitorProfile"]
            : managedClusterAzureMonitorProfileSerializer(item["azureMonitorProfile"]),
        serviceMeshProfile: !item["serviceMeshProfile"]
            ? item["serviceMeshProfile"]
            : serviceMeshProfileSerializer(item["serviceMeshProfile"]),
        metricsProfile: !item["metricsProfile"]
            ? item["metricsProfile"]
            : managedClusterMetricsProfileSerializer(item["metricsProfile"]),
        nodeProvisioningProfile: !item["nodeProvisioningProfile"]
            ? item["nodeProvisioningProfile"]
            : managedClusterNodeProvisioningProfileSerializer(item["nodeProvisioningProfile"]),
        bootstrapProfile: !item["bootstrapProfile"]
            ? item["bootstrapProfile"]
            : managedClusterBootstrapProfileSerializer(item["bootstrapProfile"]),
        aiToolchainOperatorProfile: !item["aiToolchainOperatorProfile"]
            ? item["aiToolchainOperatorProfile"]
            : managedClusterAIToolchainOperatorProfileSerializer(item["aiToolchainOperatorProfile"]),
        schedulerProfile: !item["schedulerProfile"]
            ? item["schedulerProfile"]
            : schedulerProfileSerializer(item["schedulerProfile"]),
        hostedSystemProfile: !item["hostedSystemProfile"]
            ? item["hostedSystemProfile"]
            : managedClusterHostedSystemProfileSerializer(item["hostedSystemProfile"]),
        status: !item["status"] ? item["status"] : managedClusterStatusSerializer(item["status"]),
    };
}
function _managedClusterPropertiesDeserializer(item) {
    return {
        provisioningState: item["provisioningState"],
        powerState: !item["powerState"]
            ? item["powerState"]
            : powerStateDeserializer(item["powerState"]),
        maxAgentPools: item["maxAgentPools"],
        kubernetesVersion: item["kubernetesVersion"],
        currentKubernetesVersion: item["currentKubernetesVersion"],
        dnsPrefix: item["dnsPrefix"],
        fqdnSubdomain: item["fqdnSubdomain"],
        fqdn: item["fqdn"],
        privateFqdn: item["privateFQDN"],
        azurePortalFqdn: item["azurePortalFQDN"],
        agentPoolProfiles: !item["agentPoolProfiles"]
            ? item["agentPoolProfiles"]
            : managedClusterAgentPoolProfileArrayDeserializer(item["agentPoolProfiles"]),
        linuxProfile: !item["linuxProfile"]
            ? item["linuxProfile"]
            : containerServiceLinuxProfileDeserializer(item["linuxProfile"]),
        windowsProfile: !item["windowsProfile"]
            ? item["windowsProfile"]
            : managedClusterWindowsProfileDeserializer(item["windowsProfile"]),
        servicePrincipalProfile: !item["servicePrincipalProfile"]
            ? item["servicePrincipalProfile"]
            : managedClusterServicePrincipalProfileDeserializer(item["servicePrincipalProfile"]),
        addonProfiles: !item["addonProfiles"]
            ? item["addonProfiles"]
            : managedClusterAddonProfileRecordDeserializer(item["addonProfiles"]),
        podIdentityProfile: !item["podIdentityProfile"]
            ? item["podIdentityProfile"]
            : managedClusterPodIdentityProfileDeserializer(item["podIdentityProfile"]),
        oidcIssuerProfile: !item["oidcIssuerProfile"]
            ? item["oidcIssuerProfile"]
            : managedClusterOidcIssuerProfileDeserializer(item["oidcIssuerProfile"]),
        nodeResourceGroup: item["nodeResourceGroup"],
        nodeResourceGroupProfile: !item["nodeResourceGroupProfile"]
            ? item["nodeResourceGroupProfile"]
            : managedClusterNodeResourceGroupProfileDeserializer(item["nodeResourceGroupProfile"]),
        enableRbac: item["enableRBAC"],
        supportPlan: item["supportPlan"],
        networkProfile: !item["networkProfile"]
            ? item["networkProfile"]
            : containerServiceNetworkProfileDeserializer(item["networkProfile"]),
        aadProfile: !item["aadProfile"]
            ? item["aadProfile"]
            : managedClusterAADProfileDeserializer(item["aadProfile"]),
        autoUpgradeProfile: !item["autoUpgradeProfile"]
            ? item["autoUpgradeProfile"]
            : managedClusterAutoUpgradeProfileDeserializer(item["autoUpgradeProfile"]),
        upgradeSettings: !item["upgradeSettings"]
            ? item["upgradeSettings"]
            : clusterUpgradeSettingsDeserializer(item["upgradeSettings"]),
        autoScalerProfile: !item["autoScalerProfile"]
            ? item["autoScalerProfile"]
            : managedClusterPropertiesAutoScalerProfileDeserializer(item["autoScalerProfile"]),
        apiServerAccessProfile: !item["apiServerAccessProfile"]
            ? item["apiServerAccessProfile"]
            : managedClusterAPIServerAccessProfileDeserializer(item["apiServerAccessProfile"]),
        diskEncryptionSetID: item["diskEncryptionSetID"],
        identityProfile: !item["identityProfile"]
            ? item["identityProfile"]
            : userAssignedIdentityRecordDeserializer(item["identityProfile"]),
        privateLinkResources: !item["privateLinkResources"]
            ? item["privateLinkResources"]
            : privateLinkResourceArrayDeserializer(item["privateLinkResources"]),
        disableLocalAccounts: item["disableLocalAccounts"],
        httpProxyConfig: !item["httpProxyConfig"]
            ? item["httpProxyConfig"]
            : managedClusterHttpProxyConfigDeserializer(item["httpProxyConfig"]),
        securityProfile: !item["securityProfile"]
            ? item["securityProfile"]
            : managedClusterSecurityProfileDeserializer(item["securityProfile"]),
        storageProfile: !item["storageProfile"]
            ? item["storageProfile"]
            : managedClusterStorageProfileDeserializer(item["storageProfile"]),
        ingressProfile: !item["ingressProfile"]
            ? item["ingressProfile"]
            : managedClusterIngressProfileDeserializer(item["ingressProfile"]),
        publicNetworkAccess: item["publicNetworkAccess"],
        workloadAutoScalerProfile: !item["workloadAutoScalerProfile"]
            ? item["workloadAutoScalerProfile"]
            : managedClusterWorkloadAutoScalerProfileDeserializer(item["workloadAutoScalerProfile"]),
        azureMonitorProfile: !item["azureMonitorProfile"]
            ? item["azureMonitorProfile"]
            : managedClusterAzureMonitorProfileDeserializer(item["azureMonitorProfile"]),
        serviceMeshProfile: !item["serviceMeshProfile"]
            ? item["serviceMeshProfile"]
            : serviceMeshProfileDeserializer(item["serviceMeshProfile"]),
        resourceUID: item["resourceUID"],
        metricsProfile: !item["metricsProfile"]
            ? item["metricsProfile"]
            : managedClusterMetricsProfileDeserializer(item["metricsProfile"]),
        nodeProvisioningProfile: !item["nodeProvisioningProfile"]
            ? item["nodeProvisioningProfile"]
            : managedClusterNodeProvisioningProfileDeserializer(item["nodeProvisioningProfile"]),
        bootstrapProfile: !item["bootstrapProfile"]
            ? item["bootstrapProfile"]
            : managedClusterBootstrapProfileDeserializer(item["bootstrapProfile"]),
        aiToolchainOperatorProfile: !item["aiToolchainOperatorProfile"]
            ? item["aiToolchainOperatorProfile"]
            : managedClusterAIToolchainOperatorProfileDeserializer(item["aiToolchainOperatorProfile"]),
        schedulerProfile: !item["schedulerProfile"]
            ? item["schedulerProfile"]
            : schedulerProfileDeserializer(item["schedulerProfile"]),
        hostedSystemProfile: !item["hostedSystemProfile"]
            ? item["hostedSystemProfile"]
            : managedClusterHostedSystemProfileDeserializer(item["hostedSystemProfile"]),
        status: !item["status"] ? item["status"] : managedClusterStatusDeserializer(item["status"]),
    };
}
function _managedClusterAccessProfilePropertiesDeserializer(item) {
    return {
        kubeConfig: !item["kubeConfig"]
            ? item["kubeConfig"]
            : typeof item["kubeConfig"] === "string"
                ? stringToUint8Array(item["kubeConfig"], "base64")
                : item["kubeConfig"],
    };
}
function _runCommandResultPropertiesDeserializer(item) {
    return {
        provisioningState: item["provisioningState"],
        exitCode: item["exitCode"],
        startedAt: !item["startedAt"] ? item["startedAt"] : new Date(item["startedAt"]),
        finishedAt: !item["finishedAt"] ? item["finishedAt"] : new Date(item["finishedAt"]),
        logs: item["logs"],
        reason: item["reason"],
    };
}
function _managedClusterUpgradeProfilePropertiesDeserializer(item) {
    return {
        controlPlaneProfile: managedClusterPoolUpgradeProfileDeserializer(item["controlPlaneProfile"]),
        agentPoolProfiles: managedClusterPoolUpgradeProfileArrayDeserializer(item["agentPoolProfiles"]),
    };
}
function _maintenanceConfigurationPropertiesSerializer(item) {
    return {
        timeInWeek: !item["timeInWeek"]
            ? item["timeInWeek"]
            : timeInWeekArraySerializer(item["timeInWeek"]),
        notAllowedTime: !item["notAllowedTime"]
            ? item["notAllowedTime"]
            : timeSpanArraySerializer(item["notAllowedTime"]),
        maintenanceWindow: !item["maintenanceWindow"]
            ? item["maintenanceWindow"]
            : maintenanceWindowSerializer(item["maintenanceWindow"]),
    };
}
function _maintenanceConfigurationPropertiesDeserializer(item) {
    return {
        timeInWeek: !item["timeInWeek"]
            ? item["timeInWeek"]
            : timeInWeekArrayDeserializer(item["timeInWeek"]),
        notAllowedTime: !item["notAllowedTime"]
            ? item["notAllowedTime"]
            : timeSpanArrayDeserializer(item["notAllowedTime"]),
        maintenanceWindow: !item["maintenanceWindow"]
            ? item["maintenanceWindow"]
            : maintenanceWindowDeserializer(item["maintenanceWindow"]),
    };
}
function _privateEndpointConnectionPropertiesSerializer(item) {
    return {
        privateEndpoint: !item["privateEndpoint"]
            ? item["privateEndpoint"]
            : privateEndpointSerializer(item["privateEndpoint"]),
        privateLinkServiceConnectionState: !item["privateLinkServiceConnectionState"]
            ? item["privateLinkServiceConnectionState"]
            : privateLinkServiceConnectionStateSerializer(item["privateLinkServiceConnectionState"]),
    };
}
function _privateEndpointConnectionPropertiesDeserializer(item) {
    return {
        provisioningState: item["provisioningState"],
        privateEndpoint: !item["privateEndpoint"]
            ? item["privateEndpoint"]
            : privateEndpointDeserializer(item["privateEndpoint"]),
        privateLinkServiceConnectionState: !item["privateLinkServiceConnectionState"]
            ? item["privateLinkServiceConnectionState"]
            : privateLinkServiceConnectionStateDeserializer(item["privateLinkServiceConnectionState"]),
    };
}
function _snapshotPropertiesSerializer(item) {
    return {
        creationData: !item["creationData"]
            ? item["creationData"]
            : creationDataSerializer(item["creationData"]),
        snapshotType: item["snapshotType"],
    };
}
function _snapshotPropertiesDeserializer(item) {
    return {
        creationData: !item["creationData"]
            ? item["creationData"]
            : creationDataDeserializer(item["creationData"]),
        snapshotType: item["snapshotType"],
        kubernetesVersion: item["kubernetesVersion"],
        nodeImageVersion: item["nodeImageVersion"],
        osType: item["osType"],
        osSku: item["osSku"],
        vmSize: item["vmSize"],
        enableFips: item["enableFIPS"],
    };
}
function _trustedAccessRoleBindingPropertiesSerializer(item) {
    return {
        sourceResourceId: item["sourceResourceId"],
        roles: item["roles"].map((p) => {
            return p;
        }),
    };
}
function _trustedAccessRoleBindingPropertiesDeserializer(item) {
    return {
        provisioningState: item["provisioningState"],
        sourceResourceId: item["sourceResourceId"],
        roles: item["roles"].map((p) => {
            return p;
        }),
    };
}
function _operationValueDisplayDeserializer(item) {
    return {
        operation: item["operation"],
        resource: item["resource"],
        description: item["description"],
        provider: item["provider"],
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Helper to paginate results in a generic way and return a PagedAsyncIterableIterator
 */
function buildPagedAsyncIterator(client, getInitialResponse, processResponseBody, expectedStatuses, options = {}) {
    const itemName = options.itemName ?? "value";
    const nextLinkName = options.nextLinkName ?? "nextLink";
    const nextLinkMethod = options.nextLinkMethod ?? "GET";
    const apiVersion = options.apiVersion;
    const pagedResult = {
        getPage: async (pageLink) => {
            let result;
            if (pageLink === undefined) {
                result = await getInitialResponse();
            }
            else {
                const resolvedPageLink = apiVersion ? addApiVersionToUrl$1(pageLink, apiVersion) : pageLink;
                result =
                    nextLinkMethod === "POST"
                        ? await client.pathUnchecked(resolvedPageLink).post()
                        : await client.pathUnchecked(resolvedPageLink).get();
            }
            checkPagingRequest(result, expectedStatuses);
            const results = await processResponseBody(result);
            const nextLink = getNextLink(results, nextLinkName);
            const values = getElements(results, itemName);
            return {
                page: values,
                nextPageLink: nextLink,
            };
        },
        byPage: (settings) => {
            const { continuationToken } = settings ?? {};
            return getPageAsyncIterator(pagedResult, {
                pageLink: continuationToken,
            });
        },
    };
    return getPagedAsyncIterator(pagedResult);
}
/**
 * returns an async iterator that iterates over results. It also has a `byPage`
 * method that returns pages of items at once.
 *
 * @param pagedResult - an object that specifies how to get pages.
 * @returns a paged async iterator that iterates over results.
 */
function getPagedAsyncIterator(pagedResult) {
    const iter = getItemAsyncIterator(pagedResult);
    return {
        next() {
            return iter.next();
        },
        [Symbol.asyncIterator]() {
            return this;
        },
        byPage: pagedResult?.byPage ??
            ((settings) => {
                const { continuationToken } = settings ?? {};
                return getPageAsyncIterator(pagedResult, {
                    pageLink: continuationToken,
                });
            }),
    };
}
async function* getItemAsyncIterator(pagedResult) {
    const pages = getPageAsyncIterator(pagedResult);
    for await (const page of pages) {
        yield* page;
    }
}
async function* getPageAsyncIterator(pagedResult, options = {}) {
    const { pageLink } = options;
    let response = await pagedResult.getPage(pageLink ?? pagedResult.firstPageLink);
    if (!response) {
        return;
    }
    let result = response.page;
    result.continuationToken = response.nextPageLink;
    yield result;
    while (response.nextPageLink) {
        response = await pagedResult.getPage(response.nextPageLink);
        if (!response) {
            return;
        }
        result = response.page;
        result.continuationToken = response.nextPageLink;
        yield result;
    }
}
/**
 * Gets for the value of nextLink in the body
 */
function getNextLink(body, nextLinkName) {
    if (!nextLinkName) {
        return undefined;
    }
    const nextLink = body[nextLinkName];
    if (typeof nextLink !== "string" && typeof nextLink !== "undefined" && nextLink !== null) {
        throw new RestError(`Body Property ${nextLinkName} should be a string or undefined or null but got ${typeof nextLink}`);
    }
    if (nextLink === null) {
        return undefined;
    }
    return nextLink;
}
/**
 * Gets the elements of the current request in the body.
 */
function getElements(body, itemName) {
    const value = body[itemName];
    if (!Array.isArray(value)) {
        throw new RestError(`Couldn't paginate response\n Body doesn't contain an array property with name: ${itemName}`);
    }
    return value ?? [];
}
/**
 * Checks if a request failed
 */
function checkPagingRequest(response, expectedStatuses) {
    if (!expectedStatuses.includes(response.status)) {
        throw createRestError(`Pagination failed with unexpected statusCode ${response.status}`, response);
    }
}
/**
 * Adds the api-version query parameter on a URL if it's not present.
 * @param url - the URL to modify
 * @param apiVersion - the API version to set
 * @returns - the URL with the api-version query parameter set
 */
function addApiVersionToUrl$1(url, apiVersion) {
    // The base URL is only used for parsing and won't appear in the returned URL
    const urlObj = new URL(url, "https://microsoft.com");
    if (!urlObj.searchParams.get("api-version")) {
        // Append one if there is no apiVersion
        return `${url}${urlObj.search ? "&" : "?"}api-version=${apiVersion}`;
    }
    return url;
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * The `@azure/logger` configuration for this package.
 * @internal
 */
const logger = createClientLogger("core-lro");

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * The default time interval to wait before sending the next polling request.
 */
const POLL_INTERVAL_IN_MS = 2000;
/**
 * The closed set of terminal states.
 */
const terminalStates = ["succeeded", "canceled", "failed"];

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Deserializes the state
 */
function deserializeState(serializedState) {
    try {
        return JSON.parse(serializedState).state;
    }
    catch (e) {
        throw new Error(`Unable to deserialize input state: ${serializedState}`);
    }
}
function setStateError(inputs) {
    const { state, isOperationError } = inputs;
    return (error) => {
        if (isOperationError(error)) {
            state.error = error;
            state.status = "failed";
        }
        throw error;
    };
}
function appendReadableErrorMessage(currentMessage, innerMessage) {
    let message = currentMessage;
    if (message.slice(-1) !== ".") {
        message = message + ".";
    }
    return message + " " + innerMessage;
}
function simplifyError(err) {
    let message = err.message;
    let code = err.code;
    let curErr = err;
    while (curErr.innererror) {
        curErr = curErr.innererror;
        code = curErr.code;
        message = appendReadableErrorMessage(message, curErr.message);
    }
    return {
        code,
        message,
    };
}
async function processOperationStatus(result) {
    const { state, status, isDone, processResult, getError, response, setErrorAsResult } = result;
    switch (status) {
        case "succeeded": {
            state.status = "succeeded";
            break;
        }
        case "failed": {
            const err = getError?.(response);
            let postfix = "";
            if (err) {
                const { code, message } = simplifyError(err);
                postfix = `. ${code}. ${message}`;
            }
            const errStr = `The long-running operation has failed${postfix}`;
            state.error = new Error(errStr);
            state.status = "failed";
            logger.warning(errStr);
            break;
        }
        case "canceled": {
            state.status = "canceled";
            break;
        }
    }
    if (isDone?.(response, state) ||
        (isDone === undefined &&
            ["succeeded", "canceled"].concat(setErrorAsResult ? [] : ["failed"]).includes(status))) {
        state.result = await buildResult({
            response,
            state,
            processResult,
        });
    }
}
async function buildResult(inputs) {
    const { processResult, response, state } = inputs;
    return processResult ? processResult(response, state) : response;
}
/**
 * Initiates the long-running operation.
 */
async function initOperation(inputs) {
    const { init, processResult, getOperationStatus, withOperationLocation, setErrorAsResult } = inputs;
    const { operationLocation, resourceLocation, initialRequestUrl, requestMethod, metadata, response, } = await init();
    if (operationLocation)
        withOperationLocation?.(operationLocation, false);
    const config = {
        metadata,
        operationLocation,
        resourceLocation,
        initialRequestUrl,
        requestMethod,
    };
    logger.verbose(`LRO: Operation description:`, config);
    const state = { status: "running", config };
    const status = getOperationStatus({ response, state, operationLocation });
    await processOperationStatus({
        state,
        status,
        response,
        setErrorAsResult,
        processResult,
    });
    return state;
}
async function pollOperationHelper(inputs) {
    const { poll, state, operationLocation, getOperationStatus, getResourceLocation, isOperationError, options, } = inputs;
    const response = await poll(operationLocation, options).catch(setStateError({
        state,
        isOperationError,
    }));
    const status = getOperationStatus(response, state);
    logger.verbose(`LRO: Status:\n\tPolling from: ${state.config.operationLocation}\n\tOperation status: ${status}\n\tPolling status: ${terminalStates.includes(status) ? "Stopped" : "Running"}`);
    if (status === "succeeded") {
        const resourceLocation = getResourceLocation(response, state);
        if (resourceLocation !== undefined) {
            return {
                response: await poll(resourceLocation).catch(setStateError({ state, isOperationError })),
                status,
            };
        }
    }
    return { response, status };
}
/** Polls the long-running operation. */
async function pollOperation(inputs) {
    const { poll, state, options, getOperationStatus, getResourceLocation, getOperationLocation, isOperationError, withOperationLocation, getPollingInterval, processResult, getError, updateState, setDelay, isDone, setErrorAsResult, } = inputs;
    const { operationLocation } = state.config;
    if (operationLocation !== undefined) {
        const { response, status } = await pollOperationHelper({
            poll,
            getOperationStatus,
            state,
            operationLocation,
            getResourceLocation,
            isOperationError,
            options,
        });
        await processOperationStatus({
            status,
            response,
            state,
            isDone,
            processResult,
            getError,
            setErrorAsResult,
        });
        if (!terminalStates.includes(status)) {
            const intervalInMs = getPollingInterval?.(response);
            if (intervalInMs)
                setDelay(intervalInMs);
            const location = getOperationLocation?.(response, state);
            if (location !== undefined) {
                const isUpdated = operationLocation !== location;
                state.config.operationLocation = location;
                withOperationLocation?.(location, isUpdated);
            }
            else
                withOperationLocation?.(operationLocation, false);
        }
        updateState?.(state, response);
    }
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function getOperationLocationPollingUrl(inputs) {
    const { azureAsyncOperation, operationLocation } = inputs;
    return operationLocation ?? azureAsyncOperation;
}
function getLocationHeader(rawResponse) {
    return rawResponse.headers["location"];
}
function getOperationLocationHeader(rawResponse) {
    return rawResponse.headers["operation-location"];
}
function getAzureAsyncOperationHeader(rawResponse) {
    return rawResponse.headers["azure-asyncoperation"];
}
function findResourceLocation(inputs) {
    const { location, requestMethod, requestPath, resourceLocationConfig, skipFinalGet } = inputs;
    // If skipFinalGet is true, return undefined to skip the final GET request
    if (skipFinalGet) {
        return undefined;
    }
    switch (requestMethod) {
        case "PUT": {
            return requestPath;
        }
        case "DELETE": {
            return undefined;
        }
        case "PATCH": {
            return getDefault() ?? requestPath;
        }
        default: {
            return getDefault();
        }
    }
    function getDefault() {
        switch (resourceLocationConfig) {
            case "operation-location":
            case "azure-async-operation": {
                return undefined;
            }
            case "original-uri": {
                return requestPath;
            }
            case "location":
            default: {
                return location;
            }
        }
    }
}
function inferLroMode(rawResponse, resourceLocationConfig, skipFinalGet) {
    const requestPath = rawResponse.request.url;
    const requestMethod = rawResponse.request.method;
    const operationLocation = getOperationLocationHeader(rawResponse);
    const azureAsyncOperation = getAzureAsyncOperationHeader(rawResponse);
    const pollingUrl = getOperationLocationPollingUrl({ operationLocation, azureAsyncOperation });
    const location = getLocationHeader(rawResponse);
    const normalizedRequestMethod = requestMethod?.toLocaleUpperCase();
    if (pollingUrl !== undefined) {
        return {
            mode: "OperationLocation",
            operationLocation: pollingUrl,
            resourceLocation: findResourceLocation({
                requestMethod: normalizedRequestMethod,
                location,
                requestPath,
                resourceLocationConfig,
                skipFinalGet,
            }),
            initialRequestUrl: requestPath,
            requestMethod,
        };
    }
    else if (location !== undefined) {
        return {
            mode: "ResourceLocation",
            operationLocation: location,
            initialRequestUrl: requestPath,
            requestMethod,
        };
    }
    else if (normalizedRequestMethod === "PUT" && requestPath) {
        return {
            mode: "Body",
            operationLocation: requestPath,
            initialRequestUrl: requestPath,
            requestMethod,
        };
    }
    else {
        return undefined;
    }
}
function transformStatus(inputs) {
    const { status, statusCode } = inputs;
    if (typeof status !== "string" && status !== undefined) {
        throw new Error(`Polling was unsuccessful. Expected status to have a string value or no value but it has instead: ${status}. This doesn't necessarily indicate the operation has failed. Check your Azure subscription or resource status for more information.`);
    }
    logger.verbose(`LRO: Transforming status: ${status} with status code: ${statusCode}.`);
    const lowerCaseStatus = status?.toLocaleLowerCase();
    if (!lowerCaseStatus) {
        return toOperationStatus(statusCode);
    }
    if (lowerCaseStatus.includes("succeeded")) {
        return "succeeded";
    }
    if (lowerCaseStatus.includes("fail")) {
        return "failed";
    }
    if (["canceled", "cancelled"].includes(lowerCaseStatus)) {
        return "canceled";
    }
    return "running";
}
function getStatus(rawResponse) {
    const { status } = rawResponse.body ?? {};
    return transformStatus({ status, statusCode: rawResponse.statusCode });
}
function getProvisioningState(rawResponse) {
    const { properties, provisioningState } = rawResponse.body ?? {};
    const status = properties?.provisioningState ?? provisioningState;
    return transformStatus({ status, statusCode: rawResponse.statusCode });
}
function toOperationStatus(statusCode) {
    if (statusCode === 202) {
        return "running";
    }
    else if (statusCode < 300) {
        return "succeeded";
    }
    else {
        return "failed";
    }
}
function parseRetryAfter({ rawResponse }) {
    const retryAfter = rawResponse.headers["retry-after"];
    if (retryAfter !== undefined) {
        // Retry-After header value is either in HTTP date format, or in seconds
        const retryAfterInSeconds = parseInt(retryAfter);
        return isNaN(retryAfterInSeconds)
            ? calculatePollingIntervalFromDate(new Date(retryAfter))
            : retryAfterInSeconds * 1000;
    }
    return undefined;
}
function getErrorFromResponse(response) {
    const error = accessBodyProperty(response, "error");
    if (!error) {
        logger.warning(`The long-running operation failed but there is no error property in the response's body`);
        return;
    }
    if (!error.code || !error.message) {
        logger.warning(`The long-running operation failed but the error property in the response's body doesn't contain code or message`);
        return;
    }
    return error;
}
function calculatePollingIntervalFromDate(retryAfterDate) {
    const timeNow = Math.floor(new Date().getTime());
    const retryAfterTime = retryAfterDate.getTime();
    if (timeNow < retryAfterTime) {
        return retryAfterTime - timeNow;
    }
    return undefined;
}
function getStatusFromInitialResponse(inputs) {
    const { response, state, operationLocation } = inputs;
    function helper() {
        const mode = state.config.metadata?.["mode"];
        switch (mode) {
            case undefined:
                return toOperationStatus(response.rawResponse.statusCode);
            case "Body":
                return getOperationStatus(response, state);
            default:
                return "running";
        }
    }
    const status = helper();
    return status === "running" && operationLocation === undefined ? "succeeded" : status;
}
function getOperationLocation({ rawResponse }, state) {
    const mode = state.config.metadata?.["mode"];
    switch (mode) {
        case "OperationLocation": {
            return getOperationLocationPollingUrl({
                operationLocation: getOperationLocationHeader(rawResponse),
                azureAsyncOperation: getAzureAsyncOperationHeader(rawResponse),
            });
        }
        case "ResourceLocation": {
            return getLocationHeader(rawResponse);
        }
        case "Body":
        default: {
            return undefined;
        }
    }
}
function getOperationStatus({ rawResponse }, state) {
    const mode = state.config.metadata?.["mode"];
    switch (mode) {
        case "OperationLocation": {
            return getStatus(rawResponse);
        }
        case "ResourceLocation": {
            return toOperationStatus(rawResponse.statusCode);
        }
        case "Body": {
            return getProvisioningState(rawResponse);
        }
        default:
            throw new Error(`Internal error: Unexpected operation mode: ${mode}`);
    }
}
function accessBodyProperty({ flatResponse, rawResponse }, prop) {
    return flatResponse?.[prop] ?? rawResponse.body?.[prop];
}
function getResourceLocation(res, state) {
    const loc = accessBodyProperty(res, "resourceLocation");
    if (loc && typeof loc === "string") {
        state.config.resourceLocation = loc;
    }
    return state.config.resourceLocation;
}
function isOperationError(e) {
    return e.name === "RestError";
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Returns a poller factory.
 */
function buildCreatePoller(inputs) {
    const { getOperationLocation, getStatusFromInitialResponse, getStatusFromPollResponse, isOperationError, getResourceLocation, getPollingInterval, getError, resolveOnUnsuccessful, } = inputs;
    return ({ init, poll }, options) => {
        const { processResult, updateState, withOperationLocation: withOperationLocationCallback, intervalInMs = POLL_INTERVAL_IN_MS, restoreFrom, } = options || {};
        const withOperationLocation = withOperationLocationCallback
            ? (() => {
                let called = false;
                return (operationLocation, isUpdated) => {
                    if (isUpdated)
                        withOperationLocationCallback(operationLocation);
                    else if (!called)
                        withOperationLocationCallback(operationLocation);
                    called = true;
                };
            })()
            : undefined;
        let statePromise;
        let state;
        if (restoreFrom) {
            state = deserializeState(restoreFrom);
            statePromise = Promise.resolve(state);
        }
        else {
            statePromise = initOperation({
                init,
                processResult,
                getOperationStatus: getStatusFromInitialResponse,
                withOperationLocation,
                setErrorAsResult: !resolveOnUnsuccessful,
            }).then((s) => (state = s));
        }
        let resultPromise;
        const abortController = new AbortController();
        const handlers = new Map();
        const handleProgressEvents = async () => handlers.forEach((h) => h(state));
        const cancelErrMsg = "Operation was canceled";
        let currentPollIntervalInMs = intervalInMs;
        const poller = {
            get operationState() {
                return state;
            },
            get result() {
                return state?.result;
            },
            get isDone() {
                return ["succeeded", "failed", "canceled"].includes(state?.status ?? "");
            },
            onProgress: (callback) => {
                const s = Symbol();
                handlers.set(s, callback);
                return () => handlers.delete(s);
            },
            serialize: async () => {
                await statePromise;
                return JSON.stringify({
                    state,
                });
            },
            submitted: async () => {
                await statePromise;
            },
            pollUntilDone: async (pollOptions) => {
                resultPromise ??= (async () => {
                    await statePromise;
                    if (!state) {
                        throw new Error("Poller should be initialized but it is not!");
                    }
                    const { abortSignal: inputAbortSignal } = pollOptions || {};
                    // In the future we can use AbortSignal.any() instead
                    function abortListener() {
                        abortController.abort();
                    }
                    const abortSignal = abortController.signal;
                    if (inputAbortSignal?.aborted) {
                        abortController.abort();
                    }
                    else if (!abortSignal.aborted) {
                        inputAbortSignal?.addEventListener("abort", abortListener, { once: true });
                    }
                    try {
                        if (!poller.isDone) {
                            await poller.poll({ abortSignal });
                            while (!poller.isDone) {
                                await delay(currentPollIntervalInMs, { abortSignal });
                                await poller.poll({ abortSignal });
                            }
                        }
                    }
                    finally {
                        inputAbortSignal?.removeEventListener("abort", abortListener);
                    }
                    if (resolveOnUnsuccessful) {
                        return poller.result;
                    }
                    else {
                        switch (state.status) {
                            case "succeeded":
                                return poller.result;
                            case "canceled":
                                throw new Error(cancelErrMsg);
                            case "failed":
                                throw state.error;
                            case "notStarted":
                            case "running":
                                throw new Error(`Polling completed without succeeding or failing`);
                        }
                    }
                })().finally(() => {
                    resultPromise = undefined;
                });
                return resultPromise;
            },
            async poll(pollOptions) {
                await statePromise;
                if (!state) {
                    throw new Error("Poller should be initialized but it is not!");
                }
                if (resolveOnUnsuccessful) {
                    if (poller.isDone)
                        return state;
                }
                else {
                    switch (state.status) {
                        case "succeeded":
                            return state;
                        case "canceled":
                            throw new Error(cancelErrMsg);
                        case "failed":
                            throw state.error;
                    }
                }
                await pollOperation({
                    poll,
                    state,
                    getOperationLocation,
                    isOperationError,
                    withOperationLocation,
                    getPollingInterval,
                    getOperationStatus: getStatusFromPollResponse,
                    getResourceLocation,
                    processResult,
                    getError,
                    updateState,
                    options: pollOptions,
                    setDelay: (pollIntervalInMs) => {
                        currentPollIntervalInMs = pollIntervalInMs;
                    },
                    setErrorAsResult: !resolveOnUnsuccessful,
                });
                await handleProgressEvents();
                if (!resolveOnUnsuccessful) {
                    switch (state.status) {
                        case "canceled":
                            throw new Error(cancelErrMsg);
                        case "failed":
                            throw state.error;
                    }
                }
                return state;
            },
            then(onfulfilled, onrejected) {
                return poller.pollUntilDone().then(onfulfilled, onrejected);
            },
            catch(onrejected) {
                return poller.pollUntilDone().catch(onrejected);
            },
            finally(onfinally) {
                return poller.pollUntilDone().finally(onfinally);
            },
            [Symbol.toStringTag]: "Poller",
        };
        return poller;
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Rewrites a given URL to use the specified base URL.
 * It preserves the pathname, search parameters, and fragment.
 * Handles relative URLs and proper encoding.
 *
 * @param params - An object containing the url and baseUrl.
 *                    url - The original URL (absolute or relative).
 *                    baseUrl - The new base URL to use.
 * @returns The rewritten URL as a string.
 */
function rewriteUrl({ url, baseUrl, }) {
    if (!url) {
        return undefined;
    }
    if (!baseUrl) {
        return url;
    }
    let originalUrl;
    try {
        // Try to parse inputUrl as an absolute URL.
        originalUrl = new URL(url);
    }
    catch {
        // If inputUrl is relative, resolve using the provided baseUrl.
        try {
            originalUrl = new URL(url, baseUrl);
        }
        catch (e) {
            throw new Error(`Invalid input URL provided: ${url}`);
        }
    }
    let newBase;
    try {
        newBase = new URL(baseUrl);
    }
    catch (e) {
        throw new Error(`Invalid base URL provided: ${baseUrl}`);
    }
    const rewrittenUrl = new URL(`${originalUrl.pathname}${originalUrl.search}${originalUrl.hash}`, newBase);
    return rewrittenUrl.toString();
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Creates a poller that can be used to poll a long-running operation.
 * @param lro - Description of the long-running operation
 * @param options - options to configure the poller
 * @returns an initialized poller
 */
function createHttpPoller(lro, options) {
    const { resourceLocationConfig, intervalInMs, processResult, restoreFrom, updateState, withOperationLocation, resolveOnUnsuccessful = false, baseUrl, skipFinalGet, } = options || {};
    return buildCreatePoller({
        getStatusFromInitialResponse,
        getStatusFromPollResponse: getOperationStatus,
        isOperationError,
        getOperationLocation,
        getResourceLocation,
        getPollingInterval: parseRetryAfter,
        getError: getErrorFromResponse,
        resolveOnUnsuccessful,
    })({
        init: async () => {
            const response = await lro.sendInitialRequest();
            const config = inferLroMode(response.rawResponse, resourceLocationConfig, skipFinalGet);
            return {
                response,
                operationLocation: rewriteUrl({ url: config?.operationLocation, baseUrl }),
                resourceLocation: rewriteUrl({ url: config?.resourceLocation, baseUrl }),
                initialRequestUrl: config?.initialRequestUrl,
                requestMethod: config?.requestMethod,
                ...(config?.mode ? { metadata: { mode: config.mode } } : {}),
            };
        },
        poll: lro.sendPollRequest,
    }, {
        intervalInMs,
        withOperationLocation,
        restoreFrom,
        updateState,
        processResult: processResult
            ? ({ flatResponse }, state) => processResult(flatResponse, state)
            : ({ flatResponse }) => flatResponse,
    });
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function getLongRunningPoller(client, processResponseBody, expectedStatuses, options) {
    const { restoreFrom, getInitialResponse, apiVersion } = options;
    if (!restoreFrom && !getInitialResponse) {
        throw new Error("Either restoreFrom or getInitialResponse must be specified");
    }
    let initialResponse = undefined;
    const pollAbortController = new AbortController();
    const poller = {
        sendInitialRequest: async () => {
            if (!getInitialResponse) {
                throw new Error("getInitialResponse is required when initializing a new poller");
            }
            initialResponse = await getInitialResponse();
            return getLroResponse(initialResponse, expectedStatuses);
        },
        sendPollRequest: async (path, pollOptions) => {
            // The poll request would both listen to the user provided abort signal and the poller's own abort signal
            function abortListener() {
                pollAbortController.abort();
            }
            const abortSignal = pollAbortController.signal;
            if (options.abortSignal?.aborted) {
                pollAbortController.abort();
            }
            else if (pollOptions?.abortSignal?.aborted) {
                pollAbortController.abort();
            }
            else if (!abortSignal.aborted) {
                options.abortSignal?.addEventListener("abort", abortListener, {
                    once: true,
                });
                pollOptions?.abortSignal?.addEventListener("abort", abortListener, {
                    once: true,
                });
            }
            let response;
            try {
                const pollingPath = apiVersion ? addApiVersionToUrl(path, apiVersion) : path;
                response = await client.pathUnchecked(pollingPath).get({ abortSignal });
            }
            finally {
                options.abortSignal?.removeEventListener("abort", abortListener);
                pollOptions?.abortSignal?.removeEventListener("abort", abortListener);
            }
            return getLroResponse(response, expectedStatuses);
        },
    };
    return createHttpPoller(poller, {
        intervalInMs: options?.updateIntervalInMs,
        resourceLocationConfig: options?.resourceLocationConfig,
        restoreFrom: options?.restoreFrom,
        processResult: (result) => {
            return processResponseBody(result);
        },
    });
}
/**
 * Converts a Rest Client response to a response that the LRO implementation understands
 * @param response - a rest client http response
 * @param deserializeFn - deserialize function to convert Rest response to modular output
 * @returns - An LRO response that the LRO implementation understands
 */
function getLroResponse(response, expectedStatuses) {
    if (!expectedStatuses.includes(response.status)) {
        throw createRestError(response);
    }
    return {
        flatResponse: response,
        rawResponse: {
            ...response,
            statusCode: Number.parseInt(response.status),
            body: response.body,
        },
    };
}
/**
 * Adds the api-version query parameter on a URL if it's not present.
 * @param url - the URL to modify
 * @param apiVersion - the API version to set
 * @returns - the URL with the api-version query parameter set
 */
function addApiVersionToUrl(url, apiVersion) {
    // The base URL is only used for parsing and won't appear in the returned URL
    const urlObj = new URL(url, "https://microsoft.com");
    if (!urlObj.searchParams.get("api-version")) {
        // Append one if there is no apiVersion
        return `${url}${urlObj.search ? "&" : "?"}api-version=${apiVersion}`;
    }
    return url;
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
// ---------------------
// helpers
// ---------------------
function encodeComponent(val, reserved, op) {
    return (reserved ?? op === "+") || op === "#"
        ? encodeReservedComponent(val)
        : encodeRFC3986URIComponent(val);
}
function encodeReservedComponent(str) {
    return str
        .split(/(%[0-9A-Fa-f]{2})/g)
        .map((part) => (!/%[0-9A-Fa-f]/.test(part) ? encodeURI(part) : part))
        .join("");
}
function encodeRFC3986URIComponent(str) {
    return encodeURIComponent(str).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function isDefined(val) {
    return val !== undefined && val !== null;
}
function getNamedAndIfEmpty(op) {
    return [!!op && [";", "?", "&"].includes(op), !!op && ["?", "&"].includes(op) ? "=" : ""];
}
function getFirstOrSep(op, isFirst = false) {
    if (isFirst) {
        return !op || op === "+" ? "" : op;
    }
    else if (!op || op === "+" || op === "#") {
        return ",";
    }
    else if (op === "?") {
        return "&";
    }
    else {
        return op;
    }
}
function getExpandedValue(option) {
    let isFirst = option.isFirst;
    const { op, varName, varValue: value, reserved } = option;
    const vals = [];
    const [named, ifEmpty] = getNamedAndIfEmpty(op);
    if (Array.isArray(value)) {
        for (const val of value.filter(isDefined)) {
            // prepare the following parts: separator, varName, value
            vals.push(`${getFirstOrSep(op, isFirst)}`);
            if (named && varName) {
                vals.push(`${encodeURIComponent(varName)}`);
                if (val === "") {
                    vals.push(ifEmpty);
                }
                else {
                    vals.push("=");
                }
            }
            vals.push(encodeComponent(val, reserved, op));
            isFirst = false;
        }
    }
    else if (typeof value === "object") {
        for (const key of Object.keys(value)) {
            const val = value[key];
            if (!isDefined(val)) {
                continue;
            }
            // prepare the following parts: separator, key, value
            vals.push(`${getFirstOrSep(op, isFirst)}`);
            if (key) {
                vals.push(`${encodeURIComponent(key)}`);
                if (named && val === "") {
                    vals.push(ifEmpty);
                }
                else {
                    vals.push("=");
                }
            }
            vals.push(encodeComponent(val, reserved, op));
            isFirst = false;
        }
    }
    return vals.join("");
}
function getNonExpandedValue(option) {
    const { op, varName, varValue: value, isFirst, reserved } = option;
    const vals = [];
    const first = getFirstOrSep(op, isFirst);
    const [named, ifEmpty] = getNamedAndIfEmpty(op);
    if (named && varName) {
        vals.push(encodeComponent(varName, reserved, op));
        if (value === "") {
            if (!ifEmpty) {
                vals.push(ifEmpty);
            }
            return !vals.join("") ? undefined : `${first}${vals.join("")}`;
        }
        vals.push("=");
    }
    const items = [];
    if (Array.isArray(value)) {
        for (const val of value.filter(isDefined)) {
            items.push(encodeComponent(val, reserved, op));
        }
    }
    else if (typeof value === "object") {
        for (const key of Object.keys(value)) {
            if (!isDefined(value[key])) {
                continue;
            }
            items.push(encodeRFC3986URIComponent(key));
            items.push(encodeComponent(value[key], reserved, op));
        }
    }
    vals.push(items.join(","));
    return !vals.join(",") ? undefined : `${first}${vals.join("")}`;
}
function getVarValue(option) {
    const { op, varName, modifier, isFirst, reserved, varValue: value } = option;
    if (!isDefined(value)) {
        return undefined;
    }
    else if (["string", "number", "boolean"].includes(typeof value)) {
        let val = value.toString();
        const [named, ifEmpty] = getNamedAndIfEmpty(op);
        const vals = [getFirstOrSep(op, isFirst)];
        if (named && varName) {
            // No need to encode varName considering it is already encoded
            vals.push(varName);
            if (val === "") {
                vals.push(ifEmpty);
            }
            else {
                vals.push("=");
            }
        }
        if (modifier && modifier !== "*") {
            val = val.substring(0, parseInt(modifier, 10));
        }
        vals.push(encodeComponent(val, reserved, op));
        return vals.join("");
    }
    else if (modifier === "*") {
        return getExpandedValue(option);
    }
    else {
        return getNonExpandedValue(option);
    }
}
// ---------------------------------------------------------------------------------------------------
// This is an implementation of RFC 6570 URI Template: https://datatracker.ietf.org/doc/html/rfc6570.
// ---------------------------------------------------------------------------------------------------
function expandUrlTemplate(template, context, option) {
    const result = template.replace(/\{([^{}]+)\}|([^{}]+)/g, (_, expr, text) => {
        if (!expr) {
            return encodeReservedComponent(text);
        }
        let op;
        if (["+", "#", ".", "/", ";", "?", "&"].includes(expr[0])) {
            op = expr[0];
            expr = expr.slice(1);
        }
        const varList = expr.split(/,/g);
        const innerResult = [];
        for (const varSpec of varList) {
            const varMatch = /([^:*]*)(?::(\d+)|(\*))?/.exec(varSpec);
            if (!varMatch || !varMatch[1]) {
                continue;
            }
            const varValue = getVarValue({
                isFirst: innerResult.length === 0,
                op,
                varValue: context[varMatch[1]],
                varName: varMatch[1],
                modifier: varMatch[2] || varMatch[3],
                reserved: option?.allowReserved,
            });
            if (varValue) {
                innerResult.push(varValue);
            }
        }
        return innerResult.join("");
    });
    return normalizeUnreserved(result);
}
/**
 * Normalize an expanded URI by decoding percent-encoded unreserved characters.
 * RFC 3986 unreserved: "-" / "." / "~"
 */
function normalizeUnreserved(uri) {
    return uri.replace(/%([0-9A-Fa-f]{2})/g, (match, hex) => {
        const char = String.fromCharCode(parseInt(hex, 16));
        // Decode only if it's unreserved
        if (/[.~-]/.test(char)) {
            return char;
        }
        return match; // leave other encodings intact
    });
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _getUpgradeProfileSend$1(context, resourceGroupName, resourceName, agentPoolName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/agentPools/{agentPoolName}/upgradeProfiles/default{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        agentPoolName: agentPoolName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getUpgradeProfileDeserialize$1(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return agentPoolUpgradeProfileDeserializer(result.body);
}
/** Gets the upgrade profile for an agent pool. */
async function getUpgradeProfile$1(context, resourceGroupName, resourceName, agentPoolName, options = { requestOptions: {} }) {
    const result = await _getUpgradeProfileSend$1(context, resourceGroupName, resourceName, agentPoolName, options);
    return _getUpgradeProfileDeserialize$1(result);
}
function _getAvailableAgentPoolVersionsSend(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/availableAgentPoolVersions{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getAvailableAgentPoolVersionsDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return agentPoolAvailableVersionsDeserializer(result.body);
}
/** See [supported Kubernetes versions](https://docs.microsoft.com/azure/aks/supported-kubernetes-versions) for more details about the version lifecycle. */
async function getAvailableAgentPoolVersions(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const result = await _getAvailableAgentPoolVersionsSend(context, resourceGroupName, resourceName, options);
    return _getAvailableAgentPoolVersionsDeserialize(result);
}
function _upgradeNodeImageVersionSend(context, resourceGroupName, resourceName, agentPoolName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/agentPools/{agentPoolName}/upgradeNodeImageVersion{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        agentPoolName: agentPoolName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _upgradeNodeImageVersionDeserialize(result) {
    const expectedStatuses = ["202", "200", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Upgrading the node image version of an agent pool applies the newest OS and runtime updates to the nodes. AKS provides one new image per week with the latest updates. For more details on node image versions, see: https://docs.microsoft.com/azure/aks/node-image-upgrade */
function upgradeNodeImageVersion(context, resourceGroupName, resourceName, agentPoolName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _upgradeNodeImageVersionDeserialize, ["202", "200", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _upgradeNodeImageVersionSend(context, resourceGroupName, resourceName, agentPoolName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _deleteMachinesSend(context, resourceGroupName, resourceName, agentPoolName, machines, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/agentPools/{agentPoolName}/deleteMachines{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        agentPoolName: agentPoolName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        body: agentPoolDeleteMachinesParameterSerializer(machines),
    });
}
async function _deleteMachinesDeserialize(result) {
    const expectedStatuses = ["202", "200", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Deletes specific machines in an agent pool. */
function deleteMachines(context, resourceGroupName, resourceName, agentPoolName, machines, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _deleteMachinesDeserialize, ["202", "200", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _deleteMachinesSend(context, resourceGroupName, resourceName, agentPoolName, machines, options),
        resourceLocationConfig: "azure-async-operation",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _abortLatestOperationSend$1(context, resourceGroupName, resourceName, agentPoolName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/agentPools/{agentPoolName}/abort{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        agentPoolName: agentPoolName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({ ...operationOptionsToRequestParameters(options) });
}
async function _abortLatestOperationDeserialize$1(result) {
    const expectedStatuses = ["202", "204", "200", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Aborts the currently running operation on the agent pool. The Agent Pool will be moved to a Canceling state and eventually to a Canceled state when cancellation finishes. If the operation completes before cancellation can take place, a 409 error code is returned. */
function abortLatestOperation$1(context, resourceGroupName, resourceName, agentPoolName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _abortLatestOperationDeserialize$1, ["202", "204", "200", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _abortLatestOperationSend$1(context, resourceGroupName, resourceName, agentPoolName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _listSend$8(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/agentPools{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listDeserialize$8(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _agentPoolListResultDeserializer(result.body);
}
/** Gets a list of agent pools in the specified managed cluster. */
function list$8(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listSend$8(context, resourceGroupName, resourceName, options), _listDeserialize$8, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _$deleteSend$7(context, resourceGroupName, resourceName, agentPoolName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/agentPools/{agentPoolName}{?api%2Dversion,ignore%2Dpod%2Ddisruption%2Dbudget}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        agentPoolName: agentPoolName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
        "ignore%2Dpod%2Ddisruption%2Dbudget": options?.ignorePodDisruptionBudget,
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({
        ...operationOptionsToRequestParameters(options),
        headers: {
            ...(options?.ifMatch !== undefined ? { "if-match": options?.ifMatch } : {}),
            ...options.requestOptions?.headers,
        },
    });
}
async function _$deleteDeserialize$7(result) {
    const expectedStatuses = ["202", "204", "200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Deletes an agent pool in the specified managed cluster. */
function $delete$7(context, resourceGroupName, resourceName, agentPoolName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _$deleteDeserialize$7, ["202", "204", "200"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _$deleteSend$7(context, resourceGroupName, resourceName, agentPoolName, options),
        resourceLocationConfig: "azure-async-operation",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _createOrUpdateSend$6(context, resourceGroupName, resourceName, agentPoolName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/agentPools/{agentPoolName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        agentPoolName: agentPoolName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: {
            ...(options?.ifMatch !== undefined ? { "if-match": options?.ifMatch } : {}),
            ...(options?.ifNoneMatch !== undefined ? { "if-none-match": options?.ifNoneMatch } : {}),
            accept: "application/json",
            ...options.requestOptions?.headers,
        },
        body: agentPoolSerializer(parameters),
    });
}
async function _createOrUpdateDeserialize$6(result) {
    const expectedStatuses = ["200", "201", "202"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return agentPoolDeserializer(result.body);
}
/** Creates or updates an agent pool in the specified managed cluster. */
function createOrUpdate$6(context, resourceGroupName, resourceName, agentPoolName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _createOrUpdateDeserialize$6, ["200", "201", "202"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _createOrUpdateSend$6(context, resourceGroupName, resourceName, agentPoolName, parameters, options),
        resourceLocationConfig: "azure-async-operation",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _getSend$8(context, resourceGroupName, resourceName, agentPoolName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/agentPools/{agentPoolName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        agentPoolName: agentPoolName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getDeserialize$8(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return agentPoolDeserializer(result.body);
}
/** Gets the specified managed cluster agent pool. */
async function get$8(context, resourceGroupName, resourceName, agentPoolName, options = { requestOptions: {} }) {
    const result = await _getSend$8(context, resourceGroupName, resourceName, agentPoolName, options);
    return _getDeserialize$8(result);
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Create the deprecated SimplePollerLike from PollerLike
 * @param poller PollerLike to convert
 * @returns SimplePollerLike
 */
function getSimplePoller(poller) {
    const simplePoller = {
        isDone() {
            return poller.isDone;
        },
        isStopped() {
            throw new Error("isStopped is deprecated. Use abortSignal status to track this instead.");
        },
        getOperationState() {
            if (!poller.operationState) {
                throw new Error("Operation state is not available. The poller may not have been started and you could await submitted() before calling getOperationState().");
            }
            return poller.operationState;
        },
        getResult() {
            return poller.result;
        },
        toString() {
            if (!poller.operationState) {
                throw new Error("Operation state is not available. The poller may not have been started and you could await submitted() before calling getOperationState().");
            }
            return JSON.stringify({
                state: poller.operationState,
            });
        },
        stopPolling() {
            throw new Error("stopPolling is deprecated. Use abortSignal to stop polling instead.");
        },
        onProgress: poller.onProgress,
        poll: poller.poll,
        pollUntilDone: poller.pollUntilDone,
        serialize: poller.serialize,
        submitted: poller.submitted,
    };
    return simplePoller;
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _getAgentPools(context) {
    return {
        getUpgradeProfile: (resourceGroupName, resourceName, agentPoolName, options) => getUpgradeProfile$1(context, resourceGroupName, resourceName, agentPoolName, options),
        getAvailableAgentPoolVersions: (resourceGroupName, resourceName, options) => getAvailableAgentPoolVersions(context, resourceGroupName, resourceName, options),
        upgradeNodeImageVersion: (resourceGroupName, resourceName, agentPoolName, options) => upgradeNodeImageVersion(context, resourceGroupName, resourceName, agentPoolName, options),
        beginUpgradeNodeImageVersion: async (resourceGroupName, resourceName, agentPoolName, options) => {
            const poller = upgradeNodeImageVersion(context, resourceGroupName, resourceName, agentPoolName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginUpgradeNodeImageVersionAndWait: async (resourceGroupName, resourceName, agentPoolName, options) => {
            return await upgradeNodeImageVersion(context, resourceGroupName, resourceName, agentPoolName, options);
        },
        deleteMachines: (resourceGroupName, resourceName, agentPoolName, machines, options) => deleteMachines(context, resourceGroupName, resourceName, agentPoolName, machines, options),
        beginDeleteMachines: async (resourceGroupName, resourceName, agentPoolName, machines, options) => {
            const poller = deleteMachines(context, resourceGroupName, resourceName, agentPoolName, machines, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginDeleteMachinesAndWait: async (resourceGroupName, resourceName, agentPoolName, machines, options) => {
            return await deleteMachines(context, resourceGroupName, resourceName, agentPoolName, machines, options);
        },
        abortLatestOperation: (resourceGroupName, resourceName, agentPoolName, options) => abortLatestOperation$1(context, resourceGroupName, resourceName, agentPoolName, options),
        beginAbortLatestOperation: async (resourceGroupName, resourceName, agentPoolName, options) => {
            const poller = abortLatestOperation$1(context, resourceGroupName, resourceName, agentPoolName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginAbortLatestOperationAndWait: async (resourceGroupName, resourceName, agentPoolName, options) => {
            return await abortLatestOperation$1(context, resourceGroupName, resourceName, agentPoolName, options);
        },
        list: (resourceGroupName, resourceName, options) => list$8(context, resourceGroupName, resourceName, options),
        delete: (resourceGroupName, resourceName, agentPoolName, options) => $delete$7(context, resourceGroupName, resourceName, agentPoolName, options),
        beginDelete: async (resourceGroupName, resourceName, agentPoolName, options) => {
            const poller = $delete$7(context, resourceGroupName, resourceName, agentPoolName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginDeleteAndWait: async (resourceGroupName, resourceName, agentPoolName, options) => {
            return await $delete$7(context, resourceGroupName, resourceName, agentPoolName, options);
        },
        createOrUpdate: (resourceGroupName, resourceName, agentPoolName, parameters, options) => createOrUpdate$6(context, resourceGroupName, resourceName, agentPoolName, parameters, options),
        beginCreateOrUpdate: async (resourceGroupName, resourceName, agentPoolName, parameters, options) => {
            const poller = createOrUpdate$6(context, resourceGroupName, resourceName, agentPoolName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginCreateOrUpdateAndWait: async (resourceGroupName, resourceName, agentPoolName, parameters, options) => {
            return await createOrUpdate$6(context, resourceGroupName, resourceName, agentPoolName, parameters, options);
        },
        get: (resourceGroupName, resourceName, agentPoolName, options) => get$8(context, resourceGroupName, resourceName, agentPoolName, options),
    };
}
function _getAgentPoolsOperations(context) {
    return {
        ..._getAgentPools(context),
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _listByManagedClusterSend$2(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/identityBindings{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listByManagedClusterDeserialize$2(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _identityBindingListResultDeserializer(result.body);
}
/** Gets a list of identity bindings in the specified managed cluster. */
function listByManagedCluster$2(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listByManagedClusterSend$2(context, resourceGroupName, resourceName, options), _listByManagedClusterDeserialize$2, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _$deleteSend$6(context, resourceGroupName, resourceName, identityBindingName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/identityBindings/{identityBindingName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        identityBindingName: identityBindingName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({ ...operationOptionsToRequestParameters(options) });
}
async function _$deleteDeserialize$6(result) {
    const expectedStatuses = ["202", "204", "200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Deletes an identity binding in the specified managed cluster. */
function $delete$6(context, resourceGroupName, resourceName, identityBindingName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _$deleteDeserialize$6, ["202", "204", "200"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _$deleteSend$6(context, resourceGroupName, resourceName, identityBindingName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _createOrUpdateSend$5(context, resourceGroupName, resourceName, identityBindingName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/identityBindings/{identityBindingName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        identityBindingName: identityBindingName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: identityBindingSerializer(parameters),
    });
}
async function _createOrUpdateDeserialize$5(result) {
    const expectedStatuses = ["200", "201", "202"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return identityBindingDeserializer(result.body);
}
/** Creates or updates an identity binding in the specified managed cluster. */
function createOrUpdate$5(context, resourceGroupName, resourceName, identityBindingName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _createOrUpdateDeserialize$5, ["200", "201", "202"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _createOrUpdateSend$5(context, resourceGroupName, resourceName, identityBindingName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _getSend$7(context, resourceGroupName, resourceName, identityBindingName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/identityBindings/{identityBindingName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        identityBindingName: identityBindingName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getDeserialize$7(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return identityBindingDeserializer(result.body);
}
/** Gets the specified Identity Binding. */
async function get$7(context, resourceGroupName, resourceName, identityBindingName, options = { requestOptions: {} }) {
    const result = await _getSend$7(context, resourceGroupName, resourceName, identityBindingName, options);
    return _getDeserialize$7(result);
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _getIdentityBindings(context) {
    return {
        listByManagedCluster: (resourceGroupName, resourceName, options) => listByManagedCluster$2(context, resourceGroupName, resourceName, options),
        delete: (resourceGroupName, resourceName, identityBindingName, options) => $delete$6(context, resourceGroupName, resourceName, identityBindingName, options),
        beginDelete: async (resourceGroupName, resourceName, identityBindingName, options) => {
            const poller = $delete$6(context, resourceGroupName, resourceName, identityBindingName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginDeleteAndWait: async (resourceGroupName, resourceName, identityBindingName, options) => {
            return await $delete$6(context, resourceGroupName, resourceName, identityBindingName, options);
        },
        createOrUpdate: (resourceGroupName, resourceName, identityBindingName, parameters, options) => createOrUpdate$5(context, resourceGroupName, resourceName, identityBindingName, parameters, options),
        beginCreateOrUpdate: async (resourceGroupName, resourceName, identityBindingName, parameters, options) => {
            const poller = createOrUpdate$5(context, resourceGroupName, resourceName, identityBindingName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginCreateOrUpdateAndWait: async (resourceGroupName, resourceName, identityBindingName, parameters, options) => {
            return await createOrUpdate$5(context, resourceGroupName, resourceName, identityBindingName, parameters, options);
        },
        get: (resourceGroupName, resourceName, identityBindingName, options) => get$7(context, resourceGroupName, resourceName, identityBindingName, options),
    };
}
function _getIdentityBindingsOperations(context) {
    return {
        ..._getIdentityBindings(context),
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _listSend$7(context, resourceGroupName, resourceName, agentPoolName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/agentPools/{agentPoolName}/machines{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        agentPoolName: agentPoolName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listDeserialize$7(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _machineListResultDeserializer(result.body);
}
/** Gets a list of machines in the specified agent pool. */
function list$7(context, resourceGroupName, resourceName, agentPoolName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listSend$7(context, resourceGroupName, resourceName, agentPoolName, options), _listDeserialize$7, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _getSend$6(context, resourceGroupName, resourceName, agentPoolName, machineName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/agentPools/{agentPoolName}/machines/{machineName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        agentPoolName: agentPoolName,
        machineName: machineName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getDeserialize$6(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return machineDeserializer(result.body);
}
/** Get a specific machine in the specified agent pool. */
async function get$6(context, resourceGroupName, resourceName, agentPoolName, machineName, options = { requestOptions: {} }) {
    const result = await _getSend$6(context, resourceGroupName, resourceName, agentPoolName, machineName, options);
    return _getDeserialize$6(result);
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _getMachines(context) {
    return {
        list: (resourceGroupName, resourceName, agentPoolName, options) => list$7(context, resourceGroupName, resourceName, agentPoolName, options),
        get: (resourceGroupName, resourceName, agentPoolName, machineName, options) => get$6(context, resourceGroupName, resourceName, agentPoolName, machineName, options),
    };
}
function _getMachinesOperations(context) {
    return {
        ..._getMachines(context),
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _listByManagedClusterSend$1(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/maintenanceConfigurations{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listByManagedClusterDeserialize$1(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _maintenanceConfigurationListResultDeserializer(result.body);
}
/** Gets a list of maintenance configurations in the specified managed cluster. */
function listByManagedCluster$1(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listByManagedClusterSend$1(context, resourceGroupName, resourceName, options), _listByManagedClusterDeserialize$1, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _$deleteSend$5(context, resourceGroupName, resourceName, configName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/maintenanceConfigurations/{configName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        configName: configName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({ ...operationOptionsToRequestParameters(options) });
}
async function _$deleteDeserialize$5(result) {
    const expectedStatuses = ["200", "204"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Deletes a maintenance configuration. */
async function $delete$5(context, resourceGroupName, resourceName, configName, options = { requestOptions: {} }) {
    const result = await _$deleteSend$5(context, resourceGroupName, resourceName, configName, options);
    return _$deleteDeserialize$5(result);
}
function _createOrUpdateSend$4(context, resourceGroupName, resourceName, configName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/maintenanceConfigurations/{configName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        configName: configName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: maintenanceConfigurationSerializer(parameters),
    });
}
async function _createOrUpdateDeserialize$4(result) {
    const expectedStatuses = ["200", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return maintenanceConfigurationDeserializer(result.body);
}
/** Creates or updates a maintenance configuration in the specified managed cluster. */
async function createOrUpdate$4(context, resourceGroupName, resourceName, configName, parameters, options = { requestOptions: {} }) {
    const result = await _createOrUpdateSend$4(context, resourceGroupName, resourceName, configName, parameters, options);
    return _createOrUpdateDeserialize$4(result);
}
function _getSend$5(context, resourceGroupName, resourceName, configName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/maintenanceConfigurations/{configName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        configName: configName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getDeserialize$5(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return maintenanceConfigurationDeserializer(result.body);
}
/** Gets the specified maintenance configuration of a managed cluster. */
async function get$5(context, resourceGroupName, resourceName, configName, options = { requestOptions: {} }) {
    const result = await _getSend$5(context, resourceGroupName, resourceName, configName, options);
    return _getDeserialize$5(result);
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _getMaintenanceConfigurations(context) {
    return {
        listByManagedCluster: (resourceGroupName, resourceName, options) => listByManagedCluster$1(context, resourceGroupName, resourceName, options),
        delete: (resourceGroupName, resourceName, configName, options) => $delete$5(context, resourceGroupName, resourceName, configName, options),
        createOrUpdate: (resourceGroupName, resourceName, configName, parameters, options) => createOrUpdate$4(context, resourceGroupName, resourceName, configName, parameters, options),
        get: (resourceGroupName, resourceName, configName, options) => get$5(context, resourceGroupName, resourceName, configName, options),
    };
}
function _getMaintenanceConfigurationsOperations(context) {
    return {
        ..._getMaintenanceConfigurations(context),
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _listKubernetesVersionsSend(context, location, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.ContainerService/locations/{location}/kubernetesVersions{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        location: location,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listKubernetesVersionsDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return kubernetesVersionListResultDeserializer(result.body);
}
/** Contains extra metadata on the version, including supported patch versions, capabilities, available upgrades, and details on preview status of the version */
async function listKubernetesVersions(context, location, options = { requestOptions: {} }) {
    const result = await _listKubernetesVersionsSend(context, location, options);
    return _listKubernetesVersionsDeserialize(result);
}
function _listMeshUpgradeProfilesSend(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/meshUpgradeProfiles{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listMeshUpgradeProfilesDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _meshUpgradeProfileListDeserializer(result.body);
}
/** Lists available upgrades for all service meshes in a specific cluster. */
function listMeshUpgradeProfiles(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listMeshUpgradeProfilesSend(context, resourceGroupName, resourceName, options), _listMeshUpgradeProfilesDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _getMeshUpgradeProfileSend(context, resourceGroupName, resourceName, mode, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/meshUpgradeProfiles/{mode}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        mode: mode,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getMeshUpgradeProfileDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return meshUpgradeProfileDeserializer(result.body);
}
/** Gets available upgrades for a service mesh in a cluster. */
async function getMeshUpgradeProfile(context, resourceGroupName, resourceName, mode, options = { requestOptions: {} }) {
    const result = await _getMeshUpgradeProfileSend(context, resourceGroupName, resourceName, mode, options);
    return _getMeshUpgradeProfileDeserialize(result);
}
function _listMeshRevisionProfilesSend(context, location, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.ContainerService/locations/{location}/meshRevisionProfiles{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        location: location,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listMeshRevisionProfilesDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _meshRevisionProfileListDeserializer(result.body);
}
/** Contains extra metadata on each revision, including supported revisions, cluster compatibility and available upgrades */
function listMeshRevisionProfiles(context, location, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listMeshRevisionProfilesSend(context, location, options), _listMeshRevisionProfilesDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _getMeshRevisionProfileSend(context, location, mode, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.ContainerService/locations/{location}/meshRevisionProfiles/{mode}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        location: location,
        mode: mode,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getMeshRevisionProfileDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return meshRevisionProfileDeserializer(result.body);
}
/** Contains extra metadata on the revision, including supported revisions, cluster compatibility and available upgrades */
async function getMeshRevisionProfile(context, location, mode, options = { requestOptions: {} }) {
    const result = await _getMeshRevisionProfileSend(context, location, mode, options);
    return _getMeshRevisionProfileDeserialize(result);
}
function _getUpgradeProfileSend(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/upgradeProfiles/default{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getUpgradeProfileDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return managedClusterUpgradeProfileDeserializer(result.body);
}
/** Gets the upgrade profile of a managed cluster. */
async function getUpgradeProfile(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const result = await _getUpgradeProfileSend(context, resourceGroupName, resourceName, options);
    return _getUpgradeProfileDeserialize(result);
}
function _listOutboundNetworkDependenciesEndpointsSend(context, resourceGroupName, resourceName, options = {
    requestOptions: {},
}) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/outboundNetworkDependenciesEndpoints{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listOutboundNetworkDependenciesEndpointsDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _outboundEnvironmentEndpointCollectionDeserializer(result.body);
}
/** Gets a list of egress endpoints (network endpoints of all outbound dependencies) in the specified managed cluster. The operation returns properties of each egress endpoint. */
function listOutboundNetworkDependenciesEndpoints(context, resourceGroupName, resourceName, options = {
    requestOptions: {},
}) {
    return buildPagedAsyncIterator(context, () => _listOutboundNetworkDependenciesEndpointsSend(context, resourceGroupName, resourceName, options), _listOutboundNetworkDependenciesEndpointsDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _getCommandResultSend(context, resourceGroupName, resourceName, commandId, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/commandResults/{commandId}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        commandId: commandId,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getCommandResultDeserialize(result) {
    const expectedStatuses = ["200", "202"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    if (!result.body) {
        return;
    }
    return runCommandResultDeserializer(result.body);
}
/** Gets the results of a command which has been run on the Managed Cluster. */
async function getCommandResult(context, resourceGroupName, resourceName, commandId, options = { requestOptions: {} }) {
    const result = await _getCommandResultSend(context, resourceGroupName, resourceName, commandId, options);
    return _getCommandResultDeserialize(result);
}
function _runCommandSend(context, resourceGroupName, resourceName, requestPayload, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/runCommand{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: runCommandRequestSerializer(requestPayload),
    });
}
async function _runCommandDeserialize(result) {
    const expectedStatuses = ["200", "202", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return runCommandResultDeserializer(result.body);
}
/** AKS will create a pod to run the command. This is primarily useful for private clusters. For more information see [AKS Run Command](https://docs.microsoft.com/azure/aks/private-clusters#aks-run-command-preview). */
function runCommand(context, resourceGroupName, resourceName, requestPayload, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _runCommandDeserialize, ["200", "202", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _runCommandSend(context, resourceGroupName, resourceName, requestPayload, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _startSend(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/start{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({ ...operationOptionsToRequestParameters(options) });
}
async function _startDeserialize(result) {
    const expectedStatuses = ["202", "204", "200", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** See [starting a cluster](https://docs.microsoft.com/azure/aks/start-stop-cluster) for more details about starting a cluster. */
function start(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _startDeserialize, ["202", "204", "200", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _startSend(context, resourceGroupName, resourceName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _stopSend(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/stop{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({ ...operationOptionsToRequestParameters(options) });
}
async function _stopDeserialize(result) {
    const expectedStatuses = ["202", "204", "200", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** This can only be performed on Azure Virtual Machine Scale set backed clusters. Stopping a cluster stops the control plane and agent nodes entirely, while maintaining all object and cluster state. A cluster does not accrue charges while it is stopped. See [stopping a cluster](https://docs.microsoft.com/azure/aks/start-stop-cluster) for more details about stopping a cluster. */
function stop(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _stopDeserialize, ["202", "204", "200", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _stopSend(context, resourceGroupName, resourceName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _rotateServiceAccountSigningKeysSend(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/rotateServiceAccountSigningKeys{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({ ...operationOptionsToRequestParameters(options) });
}
async function _rotateServiceAccountSigningKeysDeserialize(result) {
    const expectedStatuses = ["202", "204", "200", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Rotates the service account signing keys of a managed cluster. */
function rotateServiceAccountSigningKeys(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _rotateServiceAccountSigningKeysDeserialize, ["202", "204", "200", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _rotateServiceAccountSigningKeysSend(context, resourceGroupName, resourceName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _abortLatestOperationSend(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/abort{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({ ...operationOptionsToRequestParameters(options) });
}
async function _abortLatestOperationDeserialize(result) {
    const expectedStatuses = ["202", "204", "200", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Aborts the currently running operation on the managed cluster. The Managed Cluster will be moved to a Canceling state and eventually to a Canceled state when cancellation finishes. If the operation completes before cancellation can take place, a 409 error code is returned. */
function abortLatestOperation(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _abortLatestOperationDeserialize, ["202", "204", "200", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _abortLatestOperationSend(context, resourceGroupName, resourceName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _rotateClusterCertificatesSend(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/rotateClusterCertificates{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({ ...operationOptionsToRequestParameters(options) });
}
async function _rotateClusterCertificatesDeserialize(result) {
    const expectedStatuses = ["202", "204", "200", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** See [Certificate rotation](https://docs.microsoft.com/azure/aks/certificate-rotation) for more details about rotating managed cluster certificates. */
function rotateClusterCertificates(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _rotateClusterCertificatesDeserialize, ["202", "204", "200", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _rotateClusterCertificatesSend(context, resourceGroupName, resourceName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _resetAADProfileSend(context, resourceGroupName, resourceName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/resetAADProfile{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        body: managedClusterAADProfileSerializer(parameters),
    });
}
async function _resetAADProfileDeserialize(result) {
    const expectedStatuses = ["202", "200", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** **WARNING**: This API will be deprecated. Please see [AKS-managed Azure Active Directory integration](https://aka.ms/aks-managed-aad) to update your cluster with AKS-managed Azure AD. */
function resetAADProfile(context, resourceGroupName, resourceName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _resetAADProfileDeserialize, ["202", "200", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _resetAADProfileSend(context, resourceGroupName, resourceName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _resetServicePrincipalProfileSend(context, resourceGroupName, resourceName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/resetServicePrincipalProfile{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        body: managedClusterServicePrincipalProfileSerializer(parameters),
    });
}
async function _resetServicePrincipalProfileDeserialize(result) {
    const expectedStatuses = ["202", "200", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** This action cannot be performed on a cluster that is not using a service principal */
function resetServicePrincipalProfile(context, resourceGroupName, resourceName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _resetServicePrincipalProfileDeserialize, ["202", "200", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _resetServicePrincipalProfileSend(context, resourceGroupName, resourceName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _listClusterMonitoringUserCredentialsSend(context, resourceGroupName, resourceName, options = {
    requestOptions: {},
}) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/listClusterMonitoringUserCredential{?api%2Dversion,server%2Dfqdn}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
        "server%2Dfqdn": options?.serverFqdn,
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listClusterMonitoringUserCredentialsDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return credentialResultsDeserializer(result.body);
}
/** Lists the cluster monitoring user credentials of a managed cluster. */
async function listClusterMonitoringUserCredentials(context, resourceGroupName, resourceName, options = {
    requestOptions: {},
}) {
    const result = await _listClusterMonitoringUserCredentialsSend(context, resourceGroupName, resourceName, options);
    return _listClusterMonitoringUserCredentialsDeserialize(result);
}
function _listClusterUserCredentialsSend(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/listClusterUserCredential{?api%2Dversion,server%2Dfqdn,format}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
        "server%2Dfqdn": options?.serverFqdn,
        format: options?.format,
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listClusterUserCredentialsDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return credentialResultsDeserializer(result.body);
}
/** Lists the user credentials of a managed cluster. */
async function listClusterUserCredentials(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const result = await _listClusterUserCredentialsSend(context, resourceGroupName, resourceName, options);
    return _listClusterUserCredentialsDeserialize(result);
}
function _listClusterAdminCredentialsSend(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/listClusterAdminCredential{?api%2Dversion,server%2Dfqdn}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
        "server%2Dfqdn": options?.serverFqdn,
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listClusterAdminCredentialsDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return credentialResultsDeserializer(result.body);
}
/** Lists the admin credentials of a managed cluster. */
async function listClusterAdminCredentials(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const result = await _listClusterAdminCredentialsSend(context, resourceGroupName, resourceName, options);
    return _listClusterAdminCredentialsDeserialize(result);
}
function _getAccessProfileSend(context, resourceGroupName, resourceName, roleName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/accessProfiles/{roleName}/listCredential{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        roleName: roleName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getAccessProfileDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return managedClusterAccessProfileDeserializer(result.body);
}
/** **WARNING**: This API will be deprecated. Instead use [ListClusterUserCredentials](https://docs.microsoft.com/rest/api/aks/managedclusters/listclusterusercredentials) or [ListClusterAdminCredentials](https://docs.microsoft.com/rest/api/aks/managedclusters/listclusteradmincredentials) . */
async function getAccessProfile(context, resourceGroupName, resourceName, roleName, options = { requestOptions: {} }) {
    const result = await _getAccessProfileSend(context, resourceGroupName, resourceName, roleName, options);
    return _getAccessProfileDeserialize(result);
}
function _listSend$6(context, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.ContainerService/managedClusters{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listDeserialize$6(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _managedClusterListResultDeserializer(result.body);
}
/** Gets a list of managed clusters in the specified subscription. */
function list$6(context, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listSend$6(context, options), _listDeserialize$6, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _listByResourceGroupSend$1(context, resourceGroupName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listByResourceGroupDeserialize$1(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _managedClusterListResultDeserializer(result.body);
}
/** Lists managed clusters in the specified subscription and resource group. */
function listByResourceGroup$1(context, resourceGroupName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listByResourceGroupSend$1(context, resourceGroupName, options), _listByResourceGroupDeserialize$1, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _$deleteSend$4(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({
        ...operationOptionsToRequestParameters(options),
        headers: {
            ...(options?.ifMatch !== undefined ? { "if-match": options?.ifMatch } : {}),
            ...options.requestOptions?.headers,
        },
    });
}
async function _$deleteDeserialize$4(result) {
    const expectedStatuses = ["202", "204", "200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Deletes a managed cluster. */
function $delete$4(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _$deleteDeserialize$4, ["202", "204", "200"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _$deleteSend$4(context, resourceGroupName, resourceName, options),
        resourceLocationConfig: "azure-async-operation",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _updateTagsSend$1(context, resourceGroupName, resourceName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).patch({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: {
            ...(options?.ifMatch !== undefined ? { "if-match": options?.ifMatch } : {}),
            accept: "application/json",
            ...options.requestOptions?.headers,
        },
        body: tagsObjectSerializer(parameters),
    });
}
async function _updateTagsDeserialize$1(result) {
    const expectedStatuses = ["200", "202", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return managedClusterDeserializer(result.body);
}
/** Updates tags on a managed cluster. */
function updateTags$1(context, resourceGroupName, resourceName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _updateTagsDeserialize$1, ["200", "202", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _updateTagsSend$1(context, resourceGroupName, resourceName, parameters, options),
        resourceLocationConfig: "azure-async-operation",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _createOrUpdateSend$3(context, resourceGroupName, resourceName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: {
            ...(options?.ifMatch !== undefined ? { "if-match": options?.ifMatch } : {}),
            ...(options?.ifNoneMatch !== undefined ? { "if-none-match": options?.ifNoneMatch } : {}),
            accept: "application/json",
            ...options.requestOptions?.headers,
        },
        body: managedClusterSerializer(parameters),
    });
}
async function _createOrUpdateDeserialize$3(result) {
    const expectedStatuses = ["200", "201", "202"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return managedClusterDeserializer(result.body);
}
/** Creates or updates a managed cluster. */
function createOrUpdate$3(context, resourceGroupName, resourceName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _createOrUpdateDeserialize$3, ["200", "201", "202"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _createOrUpdateSend$3(context, resourceGroupName, resourceName, parameters, options),
        resourceLocationConfig: "azure-async-operation",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _getSend$4(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getDeserialize$4(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return managedClusterDeserializer(result.body);
}
/** Gets a managed cluster. */
async function get$4(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const result = await _getSend$4(context, resourceGroupName, resourceName, options);
    return _getDeserialize$4(result);
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _getManagedClusters(context) {
    return {
        listKubernetesVersions: (location, options) => listKubernetesVersions(context, location, options),
        listMeshUpgradeProfiles: (resourceGroupName, resourceName, options) => listMeshUpgradeProfiles(context, resourceGroupName, resourceName, options),
        getMeshUpgradeProfile: (resourceGroupName, resourceName, mode, options) => getMeshUpgradeProfile(context, resourceGroupName, resourceName, mode, options),
        listMeshRevisionProfiles: (location, options) => listMeshRevisionProfiles(context, location, options),
        getMeshRevisionProfile: (location, mode, options) => getMeshRevisionProfile(context, location, mode, options),
        getUpgradeProfile: (resourceGroupName, resourceName, options) => getUpgradeProfile(context, resourceGroupName, resourceName, options),
        listOutboundNetworkDependenciesEndpoints: (resourceGroupName, resourceName, options) => listOutboundNetworkDependenciesEndpoints(context, resourceGroupName, resourceName, options),
        getCommandResult: (resourceGroupName, resourceName, commandId, options) => getCommandResult(context, resourceGroupName, resourceName, commandId, options),
        runCommand: (resourceGroupName, resourceName, requestPayload, options) => runCommand(context, resourceGroupName, resourceName, requestPayload, options),
        beginRunCommand: async (resourceGroupName, resourceName, requestPayload, options) => {
            const poller = runCommand(context, resourceGroupName, resourceName, requestPayload, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginRunCommandAndWait: async (resourceGroupName, resourceName, requestPayload, options) => {
            return await runCommand(context, resourceGroupName, resourceName, requestPayload, options);
        },
        start: (resourceGroupName, resourceName, options) => start(context, resourceGroupName, resourceName, options),
        beginStart: async (resourceGroupName, resourceName, options) => {
            const poller = start(context, resourceGroupName, resourceName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginStartAndWait: async (resourceGroupName, resourceName, options) => {
            return await start(context, resourceGroupName, resourceName, options);
        },
        stop: (resourceGroupName, resourceName, options) => stop(context, resourceGroupName, resourceName, options),
        beginStop: async (resourceGroupName, resourceName, options) => {
            const poller = stop(context, resourceGroupName, resourceName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginStopAndWait: async (resourceGroupName, resourceName, options) => {
            return await stop(context, resourceGroupName, resourceName, options);
        },
        rotateServiceAccountSigningKeys: (resourceGroupName, resourceName, options) => rotateServiceAccountSigningKeys(context, resourceGroupName, resourceName, options),
        beginRotateServiceAccountSigningKeys: async (resourceGroupName, resourceName, options) => {
            const poller = rotateServiceAccountSigningKeys(context, resourceGroupName, resourceName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginRotateServiceAccountSigningKeysAndWait: async (resourceGroupName, resourceName, options) => {
            return await rotateServiceAccountSigningKeys(context, resourceGroupName, resourceName, options);
        },
        abortLatestOperation: (resourceGroupName, resourceName, options) => abortLatestOperation(context, resourceGroupName, resourceName, options),
        beginAbortLatestOperation: async (resourceGroupName, resourceName, options) => {
            const poller = abortLatestOperation(context, resourceGroupName, resourceName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginAbortLatestOperationAndWait: async (resourceGroupName, resourceName, options) => {
            return await abortLatestOperation(context, resourceGroupName, resourceName, options);
        },
        rotateClusterCertificates: (resourceGroupName, resourceName, options) => rotateClusterCertificates(context, resourceGroupName, resourceName, options),
        beginRotateClusterCertificates: async (resourceGroupName, resourceName, options) => {
            const poller = rotateClusterCertificates(context, resourceGroupName, resourceName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginRotateClusterCertificatesAndWait: async (resourceGroupName, resourceName, options) => {
            return await rotateClusterCertificates(context, resourceGroupName, resourceName, options);
        },
        resetAADProfile: (resourceGroupName, resourceName, parameters, options) => resetAADProfile(context, resourceGroupName, resourceName, parameters, options),
        beginResetAADProfile: async (resourceGroupName, resourceName, parameters, options) => {
            const poller = resetAADProfile(context, resourceGroupName, resourceName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginResetAADProfileAndWait: async (resourceGroupName, resourceName, parameters, options) => {
            return await resetAADProfile(context, resourceGroupName, resourceName, parameters, options);
        },
        resetServicePrincipalProfile: (resourceGroupName, resourceName, parameters, options) => resetServicePrincipalProfile(context, resourceGroupName, resourceName, parameters, options),
        beginResetServicePrincipalProfile: async (resourceGroupName, resourceName, parameters, options) => {
            const poller = resetServicePrincipalProfile(context, resourceGroupName, resourceName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginResetServicePrincipalProfileAndWait: async (resourceGroupName, resourceName, parameters, options) => {
            return await resetServicePrincipalProfile(context, resourceGroupName, resourceName, parameters, options);
        },
        listClusterMonitoringUserCredentials: (resourceGroupName, resourceName, options) => listClusterMonitoringUserCredentials(context, resourceGroupName, resourceName, options),
        listClusterUserCredentials: (resourceGroupName, resourceName, options) => listClusterUserCredentials(context, resourceGroupName, resourceName, options),
        listClusterAdminCredentials: (resourceGroupName, resourceName, options) => listClusterAdminCredentials(context, resourceGroupName, resourceName, options),
        getAccessProfile: (resourceGroupName, resourceName, roleName, options) => getAccessProfile(context, resourceGroupName, resourceName, roleName, options),
        list: (options) => list$6(context, options),
        listByResourceGroup: (resourceGroupName, options) => listByResourceGroup$1(context, resourceGroupName, options),
        delete: (resourceGroupName, resourceName, options) => $delete$4(context, resourceGroupName, resourceName, options),
        beginDelete: async (resourceGroupName, resourceName, options) => {
            const poller = $delete$4(context, resourceGroupName, resourceName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginDeleteAndWait: async (resourceGroupName, resourceName, options) => {
            return await $delete$4(context, resourceGroupName, resourceName, options);
        },
        updateTags: (resourceGroupName, resourceName, parameters, options) => updateTags$1(context, resourceGroupName, resourceName, parameters, options),
        beginUpdateTags: async (resourceGroupName, resourceName, parameters, options) => {
            const poller = updateTags$1(context, resourceGroupName, resourceName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginUpdateTagsAndWait: async (resourceGroupName, resourceName, parameters, options) => {
            return await updateTags$1(context, resourceGroupName, resourceName, parameters, options);
        },
        createOrUpdate: (resourceGroupName, resourceName, parameters, options) => createOrUpdate$3(context, resourceGroupName, resourceName, parameters, options),
        beginCreateOrUpdate: async (resourceGroupName, resourceName, parameters, options) => {
            const poller = createOrUpdate$3(context, resourceGroupName, resourceName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginCreateOrUpdateAndWait: async (resourceGroupName, resourceName, parameters, options) => {
            return await createOrUpdate$3(context, resourceGroupName, resourceName, parameters, options);
        },
        get: (resourceGroupName, resourceName, options) => get$4(context, resourceGroupName, resourceName, options),
    };
}
function _getManagedClustersOperations(context) {
    return {
        ..._getManagedClusters(context),
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _listCredentialSend(context, resourceGroupName, resourceName, managedNamespaceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/managedNamespaces/{managedNamespaceName}/listCredential{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        managedNamespaceName: managedNamespaceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listCredentialDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return credentialResultsDeserializer(result.body);
}
/** Lists the credentials of a namespace. */
async function listCredential(context, resourceGroupName, resourceName, managedNamespaceName, options = { requestOptions: {} }) {
    const result = await _listCredentialSend(context, resourceGroupName, resourceName, managedNamespaceName, options);
    return _listCredentialDeserialize(result);
}
function _listByManagedClusterSend(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/managedNamespaces{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listByManagedClusterDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _managedNamespaceListResultDeserializer(result.body);
}
/** Gets a list of managed namespaces in the specified managed cluster. */
function listByManagedCluster(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listByManagedClusterSend(context, resourceGroupName, resourceName, options), _listByManagedClusterDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _$deleteSend$3(context, resourceGroupName, resourceName, managedNamespaceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/managedNamespaces/{managedNamespaceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        managedNamespaceName: managedNamespaceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({ ...operationOptionsToRequestParameters(options) });
}
async function _$deleteDeserialize$3(result) {
    const expectedStatuses = ["202", "204", "200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Deletes a namespace. */
function $delete$3(context, resourceGroupName, resourceName, managedNamespaceName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _$deleteDeserialize$3, ["202", "204", "200"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _$deleteSend$3(context, resourceGroupName, resourceName, managedNamespaceName, options),
        resourceLocationConfig: "azure-async-operation",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _updateSend$1(context, resourceGroupName, resourceName, managedNamespaceName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/managedNamespaces/{managedNamespaceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        managedNamespaceName: managedNamespaceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).patch({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: tagsObjectSerializer(parameters),
    });
}
async function _updateDeserialize$1(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return managedNamespaceDeserializer(result.body);
}
/** Updates tags on a managed namespace. */
async function update$1(context, resourceGroupName, resourceName, managedNamespaceName, parameters, options = { requestOptions: {} }) {
    const result = await _updateSend$1(context, resourceGroupName, resourceName, managedNamespaceName, parameters, options);
    return _updateDeserialize$1(result);
}
function _createOrUpdateSend$2(context, resourceGroupName, resourceName, managedNamespaceName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/managedNamespaces/{managedNamespaceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        managedNamespaceName: managedNamespaceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: managedNamespaceSerializer(parameters),
    });
}
async function _createOrUpdateDeserialize$2(result) {
    const expectedStatuses = ["200", "201", "202"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return managedNamespaceDeserializer(result.body);
}
/** Creates or updates a namespace managed by ARM for the specified managed cluster. Users can configure aspects like resource quotas, network ingress/egress policies, and more. See aka.ms/aks/managed-namespaces for more details. */
function createOrUpdate$2(context, resourceGroupName, resourceName, managedNamespaceName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _createOrUpdateDeserialize$2, ["200", "201", "202"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _createOrUpdateSend$2(context, resourceGroupName, resourceName, managedNamespaceName, parameters, options),
        resourceLocationConfig: "azure-async-operation",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _getSend$3(context, resourceGroupName, resourceName, managedNamespaceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/managedNamespaces/{managedNamespaceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        managedNamespaceName: managedNamespaceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getDeserialize$3(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return managedNamespaceDeserializer(result.body);
}
/** Gets the specified namespace of a managed cluster. */
async function get$3(context, resourceGroupName, resourceName, managedNamespaceName, options = { requestOptions: {} }) {
    const result = await _getSend$3(context, resourceGroupName, resourceName, managedNamespaceName, options);
    return _getDeserialize$3(result);
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _getManagedNamespaces(context) {
    return {
        listCredential: (resourceGroupName, resourceName, managedNamespaceName, options) => listCredential(context, resourceGroupName, resourceName, managedNamespaceName, options),
        listByManagedCluster: (resourceGroupName, resourceName, options) => listByManagedCluster(context, resourceGroupName, resourceName, options),
        delete: (resourceGroupName, resourceName, managedNamespaceName, options) => $delete$3(context, resourceGroupName, resourceName, managedNamespaceName, options),
        beginDelete: async (resourceGroupName, resourceName, managedNamespaceName, options) => {
            const poller = $delete$3(context, resourceGroupName, resourceName, managedNamespaceName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginDeleteAndWait: async (resourceGroupName, resourceName, managedNamespaceName, options) => {
            return await $delete$3(context, resourceGroupName, resourceName, managedNamespaceName, options);
        },
        update: (resourceGroupName, resourceName, managedNamespaceName, parameters, options) => update$1(context, resourceGroupName, resourceName, managedNamespaceName, parameters, options),
        createOrUpdate: (resourceGroupName, resourceName, managedNamespaceName, parameters, options) => createOrUpdate$2(context, resourceGroupName, resourceName, managedNamespaceName, parameters, options),
        beginCreateOrUpdate: async (resourceGroupName, resourceName, managedNamespaceName, parameters, options) => {
            const poller = createOrUpdate$2(context, resourceGroupName, resourceName, managedNamespaceName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginCreateOrUpdateAndWait: async (resourceGroupName, resourceName, managedNamespaceName, parameters, options) => {
            return await createOrUpdate$2(context, resourceGroupName, resourceName, managedNamespaceName, parameters, options);
        },
        get: (resourceGroupName, resourceName, managedNamespaceName, options) => get$3(context, resourceGroupName, resourceName, managedNamespaceName, options),
    };
}
function _getManagedNamespacesOperations(context) {
    return {
        ..._getManagedNamespaces(context),
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _listSend$5(context, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.ContainerService/operations{?api%2Dversion}", {
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listDeserialize$5(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _operationListResultDeserializer(result.body);
}
/** Gets a list of operations. */
function list$5(context, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listSend$5(context, options), _listDeserialize$5, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _getOperations(context) {
    return {
        list: (options) => list$5(context, options),
    };
}
function _getOperationsOperations(context) {
    return {
        ..._getOperations(context),
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _listSend$4(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/privateEndpointConnections{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listDeserialize$4(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return privateEndpointConnectionListResultDeserializer(result.body);
}
/** To learn more about private clusters, see: https://docs.microsoft.com/azure/aks/private-clusters */
async function list$4(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const result = await _listSend$4(context, resourceGroupName, resourceName, options);
    return _listDeserialize$4(result);
}
function _$deleteSend$2(context, resourceGroupName, resourceName, privateEndpointConnectionName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/privateEndpointConnections/{privateEndpointConnectionName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        privateEndpointConnectionName: privateEndpointConnectionName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({ ...operationOptionsToRequestParameters(options) });
}
async function _$deleteDeserialize$2(result) {
    const expectedStatuses = ["200", "204", "202"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Deletes a private endpoint connection. */
function $delete$2(context, resourceGroupName, resourceName, privateEndpointConnectionName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _$deleteDeserialize$2, ["200", "204", "202"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _$deleteSend$2(context, resourceGroupName, resourceName, privateEndpointConnectionName, options),
        resourceLocationConfig: "azure-async-operation",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _updateSend(context, resourceGroupName, resourceName, privateEndpointConnectionName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/privateEndpointConnections/{privateEndpointConnectionName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        privateEndpointConnectionName: privateEndpointConnectionName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: privateEndpointConnectionSerializer(parameters),
    });
}
async function _updateDeserialize(result) {
    const expectedStatuses = ["200", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return privateEndpointConnectionDeserializer(result.body);
}
/** Updates a private endpoint connection. */
async function update(context, resourceGroupName, resourceName, privateEndpointConnectionName, parameters, options = { requestOptions: {} }) {
    const result = await _updateSend(context, resourceGroupName, resourceName, privateEndpointConnectionName, parameters, options);
    return _updateDeserialize(result);
}
function _getSend$2(context, resourceGroupName, resourceName, privateEndpointConnectionName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/privateEndpointConnections/{privateEndpointConnectionName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        privateEndpointConnectionName: privateEndpointConnectionName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getDeserialize$2(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return privateEndpointConnectionDeserializer(result.body);
}
/** To learn more about private clusters, see: https://docs.microsoft.com/azure/aks/private-clusters */
async function get$2(context, resourceGroupName, resourceName, privateEndpointConnectionName, options = { requestOptions: {} }) {
    const result = await _getSend$2(context, resourceGroupName, resourceName, privateEndpointConnectionName, options);
    return _getDeserialize$2(result);
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _getPrivateEndpointConnections(context) {
    return {
        list: (resourceGroupName, resourceName, options) => list$4(context, resourceGroupName, resourceName, options),
        delete: (resourceGroupName, resourceName, privateEndpointConnectionName, options) => $delete$2(context, resourceGroupName, resourceName, privateEndpointConnectionName, options),
        beginDelete: async (resourceGroupName, resourceName, privateEndpointConnectionName, options) => {
            const poller = $delete$2(context, resourceGroupName, resourceName, privateEndpointConnectionName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginDeleteAndWait: async (resourceGroupName, resourceName, privateEndpointConnectionName, options) => {
            return await $delete$2(context, resourceGroupName, resourceName, privateEndpointConnectionName, options);
        },
        update: (resourceGroupName, resourceName, privateEndpointConnectionName, parameters, options) => update(context, resourceGroupName, resourceName, privateEndpointConnectionName, parameters, options),
        get: (resourceGroupName, resourceName, privateEndpointConnectionName, options) => get$2(context, resourceGroupName, resourceName, privateEndpointConnectionName, options),
    };
}
function _getPrivateEndpointConnectionsOperations(context) {
    return {
        ..._getPrivateEndpointConnections(context),
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _listSend$3(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/privateLinkResources{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listDeserialize$3(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return privateLinkResourcesListResultDeserializer(result.body);
}
/** To learn more about private clusters, see: https://docs.microsoft.com/azure/aks/private-clusters */
async function list$3(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const result = await _listSend$3(context, resourceGroupName, resourceName, options);
    return _listDeserialize$3(result);
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _getPrivateLinkResources(context) {
    return {
        list: (resourceGroupName, resourceName, options) => list$3(context, resourceGroupName, resourceName, options),
    };
}
function _getPrivateLinkResourcesOperations(context) {
    return {
        ..._getPrivateLinkResources(context),
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _postSend(context, resourceGroupName, resourceName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/resolvePrivateLinkServiceId{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: privateLinkResourceSerializer(parameters),
    });
}
async function _postDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return privateLinkResourceDeserializer(result.body);
}
/** Gets the private link service ID for the specified managed cluster. */
async function post(context, resourceGroupName, resourceName, parameters, options = { requestOptions: {} }) {
    const result = await _postSend(context, resourceGroupName, resourceName, parameters, options);
    return _postDeserialize(result);
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _getResolvePrivateLinkServiceId(context) {
    return {
        post: (resourceGroupName, resourceName, parameters, options) => post(context, resourceGroupName, resourceName, parameters, options),
    };
}
function _getResolvePrivateLinkServiceIdOperations(context) {
    return {
        ..._getResolvePrivateLinkServiceId(context),
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _listSend$2(context, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.ContainerService/snapshots{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listDeserialize$2(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _snapshotListResultDeserializer(result.body);
}
/** Gets a list of snapshots in the specified subscription. */
function list$2(context, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listSend$2(context, options), _listDeserialize$2, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _listByResourceGroupSend(context, resourceGroupName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/snapshots{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listByResourceGroupDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _snapshotListResultDeserializer(result.body);
}
/** Lists snapshots in the specified subscription and resource group. */
function listByResourceGroup(context, resourceGroupName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listByResourceGroupSend(context, resourceGroupName, options), _listByResourceGroupDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _$deleteSend$1(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/snapshots/{resourceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({ ...operationOptionsToRequestParameters(options) });
}
async function _$deleteDeserialize$1(result) {
    const expectedStatuses = ["200", "204"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Deletes a snapshot. */
async function $delete$1(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const result = await _$deleteSend$1(context, resourceGroupName, resourceName, options);
    return _$deleteDeserialize$1(result);
}
function _updateTagsSend(context, resourceGroupName, resourceName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/snapshots/{resourceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).patch({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: tagsObjectSerializer(parameters),
    });
}
async function _updateTagsDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return snapshotDeserializer(result.body);
}
/** Updates tags on a snapshot. */
async function updateTags(context, resourceGroupName, resourceName, parameters, options = { requestOptions: {} }) {
    const result = await _updateTagsSend(context, resourceGroupName, resourceName, parameters, options);
    return _updateTagsDeserialize(result);
}
function _createOrUpdateSend$1(context, resourceGroupName, resourceName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/snapshots/{resourceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: snapshotSerializer(parameters),
    });
}
async function _createOrUpdateDeserialize$1(result) {
    const expectedStatuses = ["200", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return snapshotDeserializer(result.body);
}
/** Creates or updates a snapshot. */
async function createOrUpdate$1(context, resourceGroupName, resourceName, parameters, options = { requestOptions: {} }) {
    const result = await _createOrUpdateSend$1(context, resourceGroupName, resourceName, parameters, options);
    return _createOrUpdateDeserialize$1(result);
}
function _getSend$1(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/snapshots/{resourceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getDeserialize$1(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return snapshotDeserializer(result.body);
}
/** Gets a snapshot. */
async function get$1(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const result = await _getSend$1(context, resourceGroupName, resourceName, options);
    return _getDeserialize$1(result);
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _getSnapshots(context) {
    return {
        list: (options) => list$2(context, options),
        listByResourceGroup: (resourceGroupName, options) => listByResourceGroup(context, resourceGroupName, options),
        delete: (resourceGroupName, resourceName, options) => $delete$1(context, resourceGroupName, resourceName, options),
        updateTags: (resourceGroupName, resourceName, parameters, options) => updateTags(context, resourceGroupName, resourceName, parameters, options),
        createOrUpdate: (resourceGroupName, resourceName, parameters, options) => createOrUpdate$1(context, resourceGroupName, resourceName, parameters, options),
        get: (resourceGroupName, resourceName, options) => get$1(context, resourceGroupName, resourceName, options),
    };
}
function _getSnapshotsOperations(context) {
    return {
        ..._getSnapshots(context),
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _listSend$1(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/trustedAccessRoleBindings{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listDeserialize$1(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _trustedAccessRoleBindingListResultDeserializer(result.body);
}
/** List trusted access role bindings. */
function list$1(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listSend$1(context, resourceGroupName, resourceName, options), _listDeserialize$1, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _$deleteSend(context, resourceGroupName, resourceName, trustedAccessRoleBindingName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/trustedAccessRoleBindings/{trustedAccessRoleBindingName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        trustedAccessRoleBindingName: trustedAccessRoleBindingName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({ ...operationOptionsToRequestParameters(options) });
}
async function _$deleteDeserialize(result) {
    const expectedStatuses = ["202", "204", "200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Delete a trusted access role binding. */
function $delete(context, resourceGroupName, resourceName, trustedAccessRoleBindingName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _$deleteDeserialize, ["202", "204", "200"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _$deleteSend(context, resourceGroupName, resourceName, trustedAccessRoleBindingName, options),
        resourceLocationConfig: "azure-async-operation",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _createOrUpdateSend(context, resourceGroupName, resourceName, trustedAccessRoleBindingName, trustedAccessRoleBinding, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/trustedAccessRoleBindings/{trustedAccessRoleBindingName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        trustedAccessRoleBindingName: trustedAccessRoleBindingName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: trustedAccessRoleBindingSerializer(trustedAccessRoleBinding),
    });
}
async function _createOrUpdateDeserialize(result) {
    const expectedStatuses = ["200", "201", "202"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return trustedAccessRoleBindingDeserializer(result.body);
}
/** Create or update a trusted access role binding */
function createOrUpdate(context, resourceGroupName, resourceName, trustedAccessRoleBindingName, trustedAccessRoleBinding, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _createOrUpdateDeserialize, ["200", "201", "202"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _createOrUpdateSend(context, resourceGroupName, resourceName, trustedAccessRoleBindingName, trustedAccessRoleBinding, options),
        resourceLocationConfig: "azure-async-operation",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _getSend(context, resourceGroupName, resourceName, trustedAccessRoleBindingName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/trustedAccessRoleBindings/{trustedAccessRoleBindingName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        trustedAccessRoleBindingName: trustedAccessRoleBindingName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return trustedAccessRoleBindingDeserializer(result.body);
}
/** Get a trusted access role binding. */
async function get(context, resourceGroupName, resourceName, trustedAccessRoleBindingName, options = { requestOptions: {} }) {
    const result = await _getSend(context, resourceGroupName, resourceName, trustedAccessRoleBindingName, options);
    return _getDeserialize(result);
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _getTrustedAccessRoleBindings(context) {
    return {
        list: (resourceGroupName, resourceName, options) => list$1(context, resourceGroupName, resourceName, options),
        delete: (resourceGroupName, resourceName, trustedAccessRoleBindingName, options) => $delete(context, resourceGroupName, resourceName, trustedAccessRoleBindingName, options),
        beginDelete: async (resourceGroupName, resourceName, trustedAccessRoleBindingName, options) => {
            const poller = $delete(context, resourceGroupName, resourceName, trustedAccessRoleBindingName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginDeleteAndWait: async (resourceGroupName, resourceName, trustedAccessRoleBindingName, options) => {
            return await $delete(context, resourceGroupName, resourceName, trustedAccessRoleBindingName, options);
        },
        createOrUpdate: (resourceGroupName, resourceName, trustedAccessRoleBindingName, trustedAccessRoleBinding, options) => createOrUpdate(context, resourceGroupName, resourceName, trustedAccessRoleBindingName, trustedAccessRoleBinding, options),
        beginCreateOrUpdate: async (resourceGroupName, resourceName, trustedAccessRoleBindingName, trustedAccessRoleBinding, options) => {
            const poller = createOrUpdate(context, resourceGroupName, resourceName, trustedAccessRoleBindingName, trustedAccessRoleBinding, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginCreateOrUpdateAndWait: async (resourceGroupName, resourceName, trustedAccessRoleBindingName, trustedAccessRoleBinding, options) => {
            return await createOrUpdate(context, resourceGroupName, resourceName, trustedAccessRoleBindingName, trustedAccessRoleBinding, options);
        },
        get: (resourceGroupName, resourceName, trustedAccessRoleBindingName, options) => get(context, resourceGroupName, resourceName, trustedAccessRoleBindingName, options),
    };
}
function _getTrustedAccessRoleBindingsOperations(context) {
    return {
        ..._getTrustedAccessRoleBindings(context),
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _listSend(context, location, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.ContainerService/locations/{location}/trustedAccessRoles{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        location: location,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return _trustedAccessRoleListResultDeserializer(result.body);
}
/** List supported trusted access roles. */
function list(context, location, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listSend(context, location, options), _listDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _getTrustedAccessRoles(context) {
    return {
        list: (location, options) => list(context, location, options),
    };
}
function _getTrustedAccessRolesOperations(context) {
    return {
        ..._getTrustedAccessRoles(context),
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
class ContainerServiceClient {
    _client;
    /** The pipeline used by this client to make requests */
    pipeline;
    /** The Container Service Client. */
    constructor(credential, subscriptionIdOrOptions, options) {
        let subscriptionId;
        if (typeof subscriptionIdOrOptions === "string") {
            subscriptionId = subscriptionIdOrOptions;
        }
        else if (typeof subscriptionIdOrOptions === "object") {
            options = subscriptionIdOrOptions;
        }
        options = options ?? {};
        this._client = createContainerService(credential, subscriptionId ?? "", options);
        this.pipeline = this._client.pipeline;
        this.trustedAccessRoles = _getTrustedAccessRolesOperations(this._client);
        this.resolvePrivateLinkServiceId = _getResolvePrivateLinkServiceIdOperations(this._client);
        this.privateLinkResources = _getPrivateLinkResourcesOperations(this._client);
        this.operations = _getOperationsOperations(this._client);
        this.identityBindings = _getIdentityBindingsOperations(this._client);
        this.trustedAccessRoleBindings = _getTrustedAccessRoleBindingsOperations(this._client);
        this.snapshots = _getSnapshotsOperations(this._client);
        this.privateEndpointConnections = _getPrivateEndpointConnectionsOperations(this._client);
        this.machines = _getMachinesOperations(this._client);
        this.managedNamespaces = _getManagedNamespacesOperations(this._client);
        this.maintenanceConfigurations = _getMaintenanceConfigurationsOperations(this._client);
        this.managedClusters = _getManagedClustersOperations(this._client);
        this.agentPools = _getAgentPoolsOperations(this._client);
    }
    /** The operation groups for trustedAccessRoles */
    trustedAccessRoles;
    /** The operation groups for resolvePrivateLinkServiceId */
    resolvePrivateLinkServiceId;
    /** The operation groups for privateLinkResources */
    privateLinkResources;
    /** The operation groups for operations */
    operations;
    /** The operation groups for identityBindings */
    identityBindings;
    /** The operation groups for trustedAccessRoleBindings */
    trustedAccessRoleBindings;
    /** The operation groups for snapshots */
    snapshots;
    /** The operation groups for privateEndpointConnections */
    privateEndpointConnections;
    /** The operation groups for machines */
    machines;
    /** The operation groups for managedNamespaces */
    managedNamespaces;
    /** The operation groups for maintenanceConfigurations */
    maintenanceConfigurations;
    /** The operation groups for managedClusters */
    managedClusters;
    /** The operation groups for agentPools */
    agentPools;
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Creates a poller from the serialized state of another poller. This can be
 * useful when you want to create pollers on a different host or a poller
 * needs to be constructed after the original one is not in scope.
 */
function restorePoller(client, serializedState, sourceOperation, options) {
    const pollerConfig = deserializeState(serializedState).config;
    const { initialRequestUrl, requestMethod, metadata } = pollerConfig;
    if (!initialRequestUrl || !requestMethod) {
        throw new Error(`Invalid serialized state: ${serializedState} for sourceOperation ${sourceOperation?.name}`);
    }
    const resourceLocationConfig = metadata?.["resourceLocationConfig"];
    const { deserializer, expectedStatuses = [] } = getDeserializationHelper(initialRequestUrl, requestMethod) ?? {};
    const deserializeHelper = options?.processResponseBody ?? deserializer;
    if (!deserializeHelper) {
        throw new Error(`Please ensure the operation is in this client! We can't find its deserializeHelper for ${sourceOperation?.name}.`);
    }
    const apiVersion = getApiVersionFromUrl(initialRequestUrl);
    return getLongRunningPoller(client["_client"] ?? client, deserializeHelper, expectedStatuses, {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        resourceLocationConfig,
        restoreFrom: serializedState,
        apiVersion,
    });
}
const deserializeMap = {
    "DELETE /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/identityBindings/{identityBindingName}": { deserializer: _$deleteDeserialize$6, expectedStatuses: ["202", "204", "200"] },
    "PUT /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/identityBindings/{identityBindingName}": { deserializer: _createOrUpdateDeserialize$5, expectedStatuses: ["200", "201", "202"] },
    "DELETE /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/trustedAccessRoleBindings/{trustedAccessRoleBindingName}": {
        deserializer: _$deleteDeserialize,
        expectedStatuses: ["202", "204", "200"],
    },
    "PUT /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/trustedAccessRoleBindings/{trustedAccessRoleBindingName}": {
        deserializer: _createOrUpdateDeserialize,
        expectedStatuses: ["200", "201", "202"],
    },
    "DELETE /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/privateEndpointConnections/{privateEndpointConnectionName}": {
        deserializer: _$deleteDeserialize$2,
        expectedStatuses: ["200", "204", "202"],
    },
    "DELETE /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/managedNamespaces/{managedNamespaceName}": { deserializer: _$deleteDeserialize$3, expectedStatuses: ["202", "204", "200"] },
    "PUT /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/managedNamespaces/{managedNamespaceName}": {
        deserializer: _createOrUpdateDeserialize$2,
        expectedStatuses: ["200", "201", "202"],
    },
    "POST /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/runCommand": { deserializer: _runCommandDeserialize, expectedStatuses: ["200", "202", "201"] },
    "POST /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/start": { deserializer: _startDeserialize, expectedStatuses: ["202", "204", "200", "201"] },
    "POST /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/stop": { deserializer: _stopDeserialize, expectedStatuses: ["202", "204", "200", "201"] },
    "POST /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/rotateServiceAccountSigningKeys": {
        deserializer: _rotateServiceAccountSigningKeysDeserialize,
        expectedStatuses: ["202", "204", "200", "201"],
    },
    "POST /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/abort": {
        deserializer: _abortLatestOperationDeserialize,
        expectedStatuses: ["202", "204", "200", "201"],
    },
    "POST /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/rotateClusterCertificates": {
        deserializer: _rotateClusterCertificatesDeserialize,
        expectedStatuses: ["202", "204", "200", "201"],
    },
    "POST /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/resetAADProfile": { deserializer: _resetAADProfileDeserialize, expectedStatuses: ["202", "200", "201"] },
    "POST /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/resetServicePrincipalProfile": {
        deserializer: _resetServicePrincipalProfileDeserialize,
        expectedStatuses: ["202", "200", "201"],
    },
    "DELETE /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}": { deserializer: _$deleteDeserialize$4, expectedStatuses: ["202", "204", "200"] },
    "PATCH /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}": { deserializer: _updateTagsDeserialize$1, expectedStatuses: ["200", "202", "201"] },
    "PUT /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}": {
        deserializer: _createOrUpdateDeserialize$3,
        expectedStatuses: ["200", "201", "202"],
    },
    "POST /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/agentPools/{agentPoolName}/upgradeNodeImageVersion": { deserializer: _upgradeNodeImageVersionDeserialize, expectedStatuses: ["202", "200", "201"] },
    "POST /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/agentPools/{agentPoolName}/deleteMachines": { deserializer: _deleteMachinesDeserialize, expectedStatuses: ["202", "200", "201"] },
    "POST /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/agentPools/{agentPoolName}/abort": {
        deserializer: _abortLatestOperationDeserialize$1,
        expectedStatuses: ["202", "204", "200", "201"],
    },
    "DELETE /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/agentPools/{agentPoolName}": { deserializer: _$deleteDeserialize$7, expectedStatuses: ["202", "204", "200"] },
    "PUT /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}/agentPools/{agentPoolName}": { deserializer: _createOrUpdateDeserialize$6, expectedStatuses: ["200", "201", "202"] },
};
function getDeserializationHelper(urlStr, method) {
    const path = new URL(urlStr).pathname;
    const pathParts = path.split("/");
    // Traverse list to match the longest candidate
    // matchedLen: the length of candidate path
    // matchedValue: the matched status code array
    let matchedLen = -1, matchedValue;
    // Iterate the responseMap to find a match
    for (const [key, value] of Object.entries(deserializeMap)) {
        // Extracting the path from the map key which is in format
        // GET /path/foo
        if (!key.startsWith(method)) {
            continue;
        }
        const candidatePath = getPathFromMapKey(key);
        // Get each part of the url path
        const candidateParts = candidatePath.split("/");
        // track if we have found a match to return the values found.
        let found = true;
        for (let i = candidateParts.length - 1, j = pathParts.length - 1; i >= 1 && j >= 1; i--, j--) {
            if (candidateParts[i]?.startsWith("{") && candidateParts[i]?.indexOf("}") !== -1) {
                const start = candidateParts[i].indexOf("}") + 1, end = candidateParts[i]?.length;
                // If the current part of the candidate is a "template" part
                // Try to use the suffix of pattern to match the path
                // {guid} ==> $
                // {guid}:export ==> :export$
                const isMatched = new RegExp(`${candidateParts[i]?.slice(start, end)}`).test(pathParts[j] || "");
                if (!isMatched) {
                    found = false;
                    break;
                }
                continue;
            }
            // If the candidate part is not a template and
            // the parts don't match mark the candidate as not found
            // to move on with the next candidate path.
            if (candidateParts[i] !== pathParts[j]) {
                found = false;
                break;
            }
        }
        // We finished evaluating the current candidate parts
        // Update the matched value if and only if we found the longer pattern
        if (found && candidatePath.length > matchedLen) {
            matchedLen = candidatePath.length;
            matchedValue = value;
        }
    }
    return matchedValue;
}
function getPathFromMapKey(mapKey) {
    const pathStart = mapKey.indexOf("/");
    return mapKey.slice(pathStart);
}
function getApiVersionFromUrl(urlStr) {
    const url = new URL(urlStr);
    return url.searchParams.get("api-version") ?? undefined;
}

export { AzureClouds, ContainerServiceClient, KnownAccelerationMode, KnownAdoptionPolicy, KnownAdvancedNetworkPolicies, KnownAgentPoolMode, KnownAgentPoolSSHAccess, KnownAgentPoolType, KnownArtifactSource, KnownBackendPoolType, KnownCode, KnownConnectionStatus, KnownContainerNetworkLogs, KnownCreatedByType, KnownDeletePolicy, KnownDranetMode, KnownExpander, KnownExtendedLocationTypes, KnownFormat, KnownGPUDriver, KnownGPUInstanceProfile, KnownGatewayAPIIstioEnabled, KnownIdentityBindingProvisioningState, KnownIpFamily, KnownIstioIngressGatewayMode, KnownKeyVaultNetworkAccessTypes, KnownKubeletDiskType, KnownKubernetesSupportPlan, KnownLicenseType, KnownLoadBalancerSku, KnownLocalDNSForwardDestination, KnownLocalDNSForwardPolicy, KnownLocalDNSMode, KnownLocalDNSProtocol, KnownLocalDNSQueryLogging, KnownLocalDNSServeStale, KnownLocalDNSState, KnownManagedClusterNATGatewaySku, KnownManagedClusterPodIdentityProvisioningState, KnownManagedClusterSKUName, KnownManagedClusterSKUTier, KnownManagedGatewayType, KnownNamespaceProvisioningState, KnownNetworkDataplane, KnownNetworkMode, KnownNetworkPlugin, KnownNetworkPluginMode, KnownNetworkPolicy, KnownNginxIngressControllerType, KnownNodeOSUpgradeChannel, KnownNodeProvisioningDefaultNodePools, KnownNodeProvisioningMode, KnownOSDiskType, KnownOSType, KnownOssku, KnownOutboundType, KnownPodIPAllocationMode, KnownPolicyRule, KnownPrivateEndpointConnectionProvisioningState, KnownProtocol, KnownProxyRedirectionMechanism, KnownPublicNetworkAccess, KnownResourceIdentityType, KnownRestrictionLevel, KnownScaleDownMode, KnownScaleSetEvictionPolicy, KnownScaleSetPriority, KnownSchedulerConfigMode, KnownServiceMeshMode, KnownSnapshotType, KnownTransitEncryptionType, KnownTrustedAccessRoleBindingProvisioningState, KnownType, KnownUndrainableNodeBehavior, KnownUpgradeChannel, KnownVersions, KnownWeekDay, KnownWorkloadRuntime, RestError, restorePoller };
