import { o as operationOptionsToRequestParameters, c as createRestError, g as getClient } from './getClient-L6IJSMdG.js';
import { c as createClientLogger, R as RestError } from './bearerTokenAuthenticationPolicy-CMwBd7PI.js';
export { j as isRestError } from './bearerTokenAuthenticationPolicy-CMwBd7PI.js';
import 'node:os';
import 'node:process';
import 'node:http';
import 'node:https';
import 'node:zlib';
import 'node:stream';
import 'node:util';
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
function resourceChangesRequestParametersSerializer(item) {
    return {
        resourceIds: !item["resourceIds"]
            ? item["resourceIds"]
            : item["resourceIds"].map((p) => {
                return p;
            }),
        subscriptionId: item["subscriptionId"],
        interval: resourceChangesRequestParametersIntervalSerializer(item["interval"]),
        $skipToken: item["skipToken"],
        $top: item["top"],
        table: item["table"],
        fetchPropertyChanges: item["fetchPropertyChanges"],
        fetchSnapshots: item["fetchSnapshots"],
    };
}
function resourceChangesRequestParametersIntervalSerializer(item) {
    return { start: item["start"].toISOString(), end: item["end"].toISOString() };
}
function resourceChangeListDeserializer(item) {
    return {
        changes: !item["changes"]
            ? item["changes"]
            : resourceChangeDataArrayDeserializer(item["changes"]),
        skipToken: item["$skipToken"],
    };
}
function resourceChangeDataArrayDeserializer(result) {
    return result.map((item) => {
        return resourceChangeDataDeserializer(item);
    });
}
function resourceChangeDataDeserializer(item) {
    return {
        resourceId: item["resourceId"],
        changeId: item["changeId"],
        beforeSnapshot: resourceChangeDataBeforeSnapshotDeserializer(item["beforeSnapshot"]),
        afterSnapshot: resourceChangeDataAfterSnapshotDeserializer(item["afterSnapshot"]),
        changeType: item["changeType"],
        propertyChanges: !item["propertyChanges"]
            ? item["propertyChanges"]
            : resourcePropertyChangeArrayDeserializer(item["propertyChanges"]),
    };
}
function resourceChangeDataBeforeSnapshotDeserializer(item) {
    return {
        snapshotId: item["snapshotId"],
        timestamp: new Date(item["timestamp"]),
        content: item["content"],
    };
}
function resourceChangeDataAfterSnapshotDeserializer(item) {
    return {
        snapshotId: item["snapshotId"],
        timestamp: new Date(item["timestamp"]),
        content: item["content"],
    };
}
function resourcePropertyChangeArrayDeserializer(result) {
    return result.map((item) => {
        return resourcePropertyChangeDeserializer(item);
    });
}
function resourcePropertyChangeDeserializer(item) {
    return {
        propertyName: item["propertyName"],
        beforeValue: item["beforeValue"],
        afterValue: item["afterValue"],
        changeCategory: item["changeCategory"],
        propertyChangeType: item["propertyChangeType"],
    };
}
function resourceChangeDetailsRequestParametersSerializer(item) {
    return {
        resourceIds: item["resourceIds"].map((p) => {
            return p;
        }),
        changeIds: item["changeIds"].map((p) => {
            return p;
        }),
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function serializeRecord(item, excludes, serializer) {
    const propertiesToExclude = excludes ?? [];
    const res = {};
    for (const key of Object.keys(item)) {
        if (propertiesToExclude.includes(key) || item[key] === undefined) {
            continue;
        }
        {
            res[key] = item[key];
        }
    }
    return res;
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/*
 * This file contains only generated model types and their (de)serializers.
 * Disable the following rules for internal models with '_' prefix and deserializers which require 'any' for raw JSON input.
 */
/* eslint-disable @typescript-eslint/naming-convention */
/* eslint-disable @typescript-eslint/explicit-module-boundary-types */
function dateTimeIntervalSerializer(item) {
    return { start: item["start"].toISOString(), end: item["end"].toISOString() };
}
function errorResponseDeserializer(item) {
    return {
        error: errorDeserializer(item["error"]),
    };
}
function errorDeserializer(item) {
    return {
        code: item["code"],
        message: item["message"],
        details: !item["details"] ? item["details"] : errorDetailsArrayDeserializer(item["details"]),
    };
}
function errorDetailsArrayDeserializer(result) {
    return result.map((item) => {
        return errorDetailsDeserializer(item);
    });
}
function errorDetailsDeserializer(item) {
    return {
        additionalProperties: serializeRecord(item, ["code", "message"]),
        code: item["code"],
        message: item["message"],
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function queryRequestSerializer(item) {
    return {
        subscriptions: !item["subscriptions"]
            ? item["subscriptions"]
            : item["subscriptions"].map((p) => {
                return p;
            }),
        managementGroups: !item["managementGroups"]
            ? item["managementGroups"]
            : item["managementGroups"].map((p) => {
                return p;
            }),
        query: item["query"],
        options: !item["options"] ? item["options"] : queryRequestOptionsSerializer(item["options"]),
        facets: !item["facets"] ? item["facets"] : facetRequestArraySerializer(item["facets"]),
    };
}
function queryRequestOptionsSerializer(item) {
    return {
        $skipToken: item["skipToken"],
        $top: item["top"],
        $skip: item["skip"],
        resultFormat: item["resultFormat"],
        allowPartialScopes: item["allowPartialScopes"],
        authorizationScopeFilter: item["authorizationScopeFilter"],
    };
}
function facetRequestArraySerializer(result) {
    return result.map((item) => {
        return facetRequestSerializer(item);
    });
}
function facetRequestSerializer(item) {
    return {
        expression: item["expression"],
        options: !item["options"] ? item["options"] : facetRequestOptionsSerializer(item["options"]),
    };
}
function facetRequestOptionsSerializer(item) {
    return {
        sortBy: item["sortBy"],
        sortOrder: item["sortOrder"],
        filter: item["filter"],
        $top: item["top"],
    };
}
function queryResponseDeserializer(item) {
    return {
        totalRecords: item["totalRecords"],
        count: item["count"],
        resultTruncated: item["resultTruncated"],
        skipToken: item["$skipToken"],
        data: item["data"],
        facets: !item["facets"] ? item["facets"] : facetUnionArrayDeserializer(item["facets"]),
    };
}
function facetUnionArrayDeserializer(result) {
    return result.map((item) => {
        return facetUnionDeserializer(item);
    });
}
function facetDeserializer(item) {
    return {
        expression: item["expression"],
        resultType: item["resultType"],
    };
}
function facetUnionDeserializer(item) {
    switch (item["resultType"]) {
        case "FacetResult":
            return facetResultDeserializer(item);
        case "FacetError":
            return facetErrorDeserializer(item);
        default:
            return facetDeserializer(item);
    }
}
function facetResultDeserializer(item) {
    return {
        expression: item["expression"],
        resultType: item["resultType"],
        totalRecords: item["totalRecords"],
        count: item["count"],
        data: item["data"],
    };
}
function facetErrorDeserializer(item) {
    return {
        expression: item["expression"],
        resultType: item["resultType"],
        errors: errorDetailsArrayDeserializer(item["errors"]),
    };
}
function _operationListResultDeserializer(item) {
    return {
        value: operationArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function operationArrayDeserializer(result) {
    return result.map((item) => {
        return operationDeserializer(item);
    });
}
function operationDeserializer(item) {
    return {
        name: item["name"],
        display: !item["display"] ? item["display"] : operationDisplayDeserializer(item["display"]),
        origin: item["origin"],
    };
}
function operationDisplayDeserializer(item) {
    return {
        provider: item["provider"],
        resource: item["resource"],
        operation: item["operation"],
        description: item["description"],
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function resourcesHistoryRequestSerializer(item) {
    return {
        subscriptions: !item["subscriptions"]
            ? item["subscriptions"]
            : item["subscriptions"].map((p) => {
                return p;
            }),
        query: item["query"],
        options: !item["options"]
            ? item["options"]
            : resourcesHistoryRequestOptionsSerializer(item["options"]),
        managementGroups: !item["managementGroups"]
            ? item["managementGroups"]
            : item["managementGroups"].map((p) => {
                return p;
            }),
    };
}
function resourcesHistoryRequestOptionsSerializer(item) {
    return {
        interval: !item["interval"] ? item["interval"] : dateTimeIntervalSerializer(item["interval"]),
        $top: item["top"],
        $skip: item["skip"],
        $skipToken: item["skipToken"],
        resultFormat: item["resultFormat"],
    };
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
function _resourcesHistorySend(context, request, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.ResourceGraph/resourcesHistory{?api%2Dversion}", {
        "api%2Dversion": "2021-06-01-preview",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: resourcesHistoryRequestSerializer(request),
    });
}
async function _resourcesHistoryDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return { body: result.body };
}
/** List all snapshots of a resource for a given time interval. */
async function resourcesHistory(context, request, options = { requestOptions: {} }) {
    const result = await _resourcesHistorySend(context, request, options);
    return _resourcesHistoryDeserialize(result);
}
function _resourcesSend(context, query, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.ResourceGraph/resources{?api%2Dversion}", {
        "api%2Dversion": "2024-04-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: queryRequestSerializer(query),
    });
}
async function _resourcesDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return queryResponseDeserializer(result.body);
}
/** Queries the resources managed by Azure Resource Manager for scopes specified in the request. */
async function resources(context, query, options = { requestOptions: {} }) {
    const result = await _resourcesSend(context, query, options);
    return _resourcesDeserialize(result);
}
function _resourceChangeDetailsSend(context, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.ResourceGraph/resourceChangeDetails{?api%2Dversion}", {
        "api%2Dversion": "2020-09-01-preview",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: resourceChangeDetailsRequestParametersSerializer(parameters),
    });
}
async function _resourceChangeDetailsDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return resourceChangeDataArrayDeserializer(result.body);
}
/** Get resource change details. */
async function resourceChangeDetails(context, parameters, options = { requestOptions: {} }) {
    const result = await _resourceChangeDetailsSend(context, parameters, options);
    return _resourceChangeDetailsDeserialize(result);
}
function _resourceChangesSend(context, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.ResourceGraph/resourceChanges{?api%2Dversion}", {
        "api%2Dversion": "2020-09-01-preview",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: resourceChangesRequestParametersSerializer(parameters),
    });
}
async function _resourceChangesDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = errorResponseDeserializer(result.body);
        }
        throw error;
    }
    return resourceChangeListDeserializer(result.body);
}
/** List changes to a resource for a given time interval. */
async function resourceChanges(context, parameters, options = { requestOptions: {} }) {
    const result = await _resourceChangesSend(context, parameters, options);
    return _resourceChangesDeserialize(result);
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
const logger = createClientLogger("arm-resourcegraph");

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function createResourceGraph(credential, subscriptionId, options = {}) {
    const endpointUrl = options.endpoint ?? getArmEndpoint(options.cloudSetting) ?? "https://management.azure.com";
    const prefixFromOptions = options?.userAgentOptions?.userAgentPrefix;
    const userAgentInfo = `azsdk-js-arm-resourcegraph/5.0.0`;
    const userAgentPrefix = prefixFromOptions
        ? `${prefixFromOptions} ${userAgentInfo}`
        : `${userAgentInfo}`;
    const { apiVersion: _, ...updatedOptions } = {
        ...options,
        userAgentOptions: { userAgentPrefix },
        loggingOptions: { logger: options.loggingOptions?.logger ?? logger.info },
        credentials: {
            scopes: options.credentials?.scopes ?? ["https://management.azure.com/.default"],
        },
    };
    const clientContext = getClient(endpointUrl, credential, updatedOptions);
    if (options.apiVersion) {
        logger.warning("This client does not support client api-version, please change it at the operation level");
    }
    return { ...clientContext, subscriptionId };
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

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/*
 * This file contains only generated model types and their (de)serializers.
 * Disable the following rules for internal models with '_' prefix and deserializers which require 'any' for raw JSON input.
 */
/* eslint-disable @typescript-eslint/naming-convention */
/* eslint-disable @typescript-eslint/explicit-module-boundary-types */
function graphQueryResourceSerializer(item) {
    return {
        properties: areAllPropsUndefined(item, ["description", "query"])
            ? undefined
            : _graphQueryResourcePropertiesSerializer(item),
        tags: item["tags"],
        location: item["location"],
        etag: item["etag"],
    };
}
function graphQueryResourceDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        ...(!item["properties"]
            ? item["properties"]
            : _graphQueryResourcePropertiesDeserializer(item["properties"])),
        tags: !item["tags"]
            ? item["tags"]
            : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p])),
        location: item["location"],
        etag: item["etag"],
    };
}
/** Enum indicating a type of graph query. */
var KnownResultKind;
(function (KnownResultKind) {
    /** basic */
    KnownResultKind["Basic"] = "basic";
})(KnownResultKind || (KnownResultKind = {}));
function graphQueryErrorDeserializer(item) {
    return {
        error: !item["error"] ? item["error"] : graphQueryErrorErrorDeserializer(item["error"]),
    };
}
function graphQueryErrorErrorDeserializer(item) {
    return {
        code: item["code"],
        message: item["message"],
        details: !item["details"]
            ? item["details"]
            : errorFieldContractArrayDeserializer(item["details"]),
    };
}
function errorFieldContractArrayDeserializer(result) {
    return result.map((item) => {
        return errorFieldContractDeserializer(item);
    });
}
function errorFieldContractDeserializer(item) {
    return {
        code: item["code"],
        message: item["message"],
        target: item["target"],
    };
}
function graphQueryUpdateParametersSerializer(item) {
    return {
        tags: item["tags"],
        etag: item["etag"],
        properties: areAllPropsUndefined(item, ["description", "query"])
            ? undefined
            : _graphQueryUpdateParametersPropertiesSerializer(item),
    };
}
function _graphQueryListResultDeserializer(item) {
    return {
        value: graphQueryResourceArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function graphQueryResourceArrayDeserializer(result) {
    return result.map((item) => {
        return graphQueryResourceDeserializer(item);
    });
}
function _graphQueryResourcePropertiesSerializer(item) {
    return { description: item["description"], query: item["query"] };
}
function _graphQueryResourcePropertiesDeserializer(item) {
    return {
        timeModified: !item["timeModified"] ? item["timeModified"] : new Date(item["timeModified"]),
        description: item["description"],
        query: item["query"],
        resultKind: item["resultKind"],
    };
}
function _graphQueryUpdateParametersPropertiesSerializer(item) {
    return { description: item["description"], query: item["query"] };
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
                const resolvedPageLink = apiVersion ? addApiVersionToUrl(pageLink, apiVersion) : pageLink;
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
function _listBySubscriptionSend(context, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.ResourceGraph/queries{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        "api%2Dversion": "2024-04-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...operationOptionsToRequestParameters(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listBySubscriptionDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = graphQueryErrorDeserializer(result.body);
        }
        throw error;
    }
    return _graphQueryListResultDeserializer(result.body);
}
/** Get all graph queries defined within a specified subscription. */
function listBySubscription(context, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listBySubscriptionSend(context, options), _listBySubscriptionDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: "2024-04-01" });
}
function _listSend$1(context, resourceGroupName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ResourceGraph/queries{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        "api%2Dversion": "2024-04-01",
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
            error.details = graphQueryErrorDeserializer(result.body);
        }
        throw error;
    }
    return _graphQueryListResultDeserializer(result.body);
}
/** Get all graph queries defined within a specified subscription and resource group. */
function list$1(context, resourceGroupName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listSend$1(context, resourceGroupName, options), _listDeserialize$1, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: "2024-04-01" });
}
function _$deleteSend(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ResourceGraph/queries/{resourceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": "2024-04-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({ ...operationOptionsToRequestParameters(options) });
}
async function _$deleteDeserialize(result) {
    const expectedStatuses = ["200", "204"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = graphQueryErrorDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** Delete a graph query. */
async function $delete(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const result = await _$deleteSend(context, resourceGroupName, resourceName, options);
    return _$deleteDeserialize(result);
}
function _updateSend(context, resourceGroupName, resourceName, body, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ResourceGraph/queries/{resourceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": "2024-04-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).patch({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: graphQueryUpdateParametersSerializer(body),
    });
}
async function _updateDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = graphQueryErrorDeserializer(result.body);
        }
        throw error;
    }
    return graphQueryResourceDeserializer(result.body);
}
/** Updates a graph query that has already been added. */
async function update(context, resourceGroupName, resourceName, body, options = { requestOptions: {} }) {
    const result = await _updateSend(context, resourceGroupName, resourceName, body, options);
    return _updateDeserialize(result);
}
function _createOrUpdateSend(context, resourceGroupName, resourceName, properties, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ResourceGraph/queries/{resourceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": "2024-04-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...operationOptionsToRequestParameters(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: graphQueryResourceSerializer(properties),
    });
}
async function _createOrUpdateDeserialize(result) {
    const expectedStatuses = ["200", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = createRestError(result);
        if (result.body) {
            error.details = graphQueryErrorDeserializer(result.body);
        }
        throw error;
    }
    return graphQueryResourceDeserializer(result.body);
}
/** Create a new graph query. */
async function createOrUpdate(context, resourceGroupName, resourceName, properties, options = { requestOptions: {} }) {
    const result = await _createOrUpdateSend(context, resourceGroupName, resourceName, properties, options);
    return _createOrUpdateDeserialize(result);
}
function _getSend(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ResourceGraph/queries/{resourceName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        resourceName: resourceName,
        "api%2Dversion": "2024-04-01",
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
            error.details = graphQueryErrorDeserializer(result.body);
        }
        throw error;
    }
    return graphQueryResourceDeserializer(result.body);
}
/** Get a single graph query by its resourceName. */
async function get(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
    const result = await _getSend(context, resourceGroupName, resourceName, options);
    return _getDeserialize(result);
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _getGraphQuery(context) {
    return {
        listBySubscription: (options) => listBySubscription(context, options),
        list: (resourceGroupName, options) => list$1(context, resourceGroupName, options),
        delete: (resourceGroupName, resourceName, options) => $delete(context, resourceGroupName, resourceName, options),
        update: (resourceGroupName, resourceName, body, options) => update(context, resourceGroupName, resourceName, body, options),
        createOrUpdate: (resourceGroupName, resourceName, properties, options) => createOrUpdate(context, resourceGroupName, resourceName, properties, options),
        get: (resourceGroupName, resourceName, options) => get(context, resourceGroupName, resourceName, options),
    };
}
function _getGraphQueryOperations(context) {
    return {
        ..._getGraphQuery(context),
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _listSend(context, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.ResourceGraph/operations{?api%2Dversion}", {
        "api%2Dversion": "2024-04-01",
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
    return _operationListResultDeserializer(result.body);
}
/** List the operations for the provider */
function list(context, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listSend(context, options), _listDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: "2024-04-01" });
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function _getOperations(context) {
    return {
        list: (options) => list(context, options),
    };
}
function _getOperationsOperations(context) {
    return {
        ..._getOperations(context),
    };
}

// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
class ResourceGraphClient {
    _client;
    /** The pipeline used by this client to make requests */
    pipeline;
    constructor(credential, subscriptionIdOrOptions, options) {
        let subscriptionId;
        if (typeof subscriptionIdOrOptions === "string") {
            subscriptionId = subscriptionIdOrOptions;
        }
        else if (typeof subscriptionIdOrOptions === "object") {
            options = subscriptionIdOrOptions;
        }
        options = options ?? {};
        this._client = createResourceGraph(credential, subscriptionId ?? "", options);
        this.pipeline = this._client.pipeline;
        this.graphQuery = _getGraphQueryOperations(this._client);
        this.operations = _getOperationsOperations(this._client);
    }
    /** List all snapshots of a resource for a given time interval. */
    resourcesHistory(request, options = { requestOptions: {} }) {
        return resourcesHistory(this._client, request, options);
    }
    /** Queries the resources managed by Azure Resource Manager for scopes specified in the request. */
    resources(query, options = { requestOptions: {} }) {
        return resources(this._client, query, options);
    }
    /** Get resource change details. */
    resourceChangeDetails(parameters, options = { requestOptions: {} }) {
        return resourceChangeDetails(this._client, parameters, options);
    }
    /** List changes to a resource for a given time interval. */
    resourceChanges(parameters, options = { requestOptions: {} }) {
        return resourceChanges(this._client, parameters, options);
    }
    /** The operation groups for graphQuery */
    graphQuery;
    /** The operation groups for operations */
    operations;
}

export { AzureClouds, KnownCreatedByType, KnownResultKind, ResourceGraphClient, RestError };
