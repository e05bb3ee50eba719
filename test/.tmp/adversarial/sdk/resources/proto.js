"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ProtoResource = void 0;
var constructorOp = {
    id: 'constructor',
    method: 'GET',
    path: '/things/{thing-id}',
    pathParams: [{ name: 'thing-id' }],
    query: [{ name: 'constructor' }, { name: '__proto__' }],
    headers: [{ name: 'x-evil-*/' }],
    response: 'json',
    security: [['*/ pwnedScheme']],
};
var deleteOp = {
    id: 'delete',
    method: 'DELETE',
    path: '/things/{thing-id}',
    pathParams: [{ name: 'thing-id' }],
    response: 'empty',
    security: [['*/ pwnedScheme']],
};
var protoOp = {
    id: '__proto__',
    method: 'PUT',
    path: '/things/{thing-id}',
    pathParams: [{ name: 'thing-id' }],
    body: { mediaType: 'application/json', encoding: 'json', required: true },
    response: 'json',
    security: [['*/ pwnedScheme']],
};
/** *\/ globalThis.pwned = "comment"; /\* */
var ProtoResource = /** @class */ (function () {
    function ProtoResource(client) {
        this._client = client;
    }
    /**
     * *\/ globalThis.pwned = "comment"; /\*
     *
     * *\/ globalThis.pwned = "comment"; /\* | ${globalThis.pwned = "template"} | ` + (globalThis.pwned = "backtick") + ` | '; globalThis.pwned = 'squote'; ' | "; globalThis.pwned = "dquote"; " | line one
     * globalThis.pwned = "newline";
     * //  | a
     * globalThis.pwned = "ls";
     * b | </script><script>globalThis.pwned = "script"</script> | @deprecated
     * \@type {pwnedType}
     * *\/ export const pwnedExport = 1; /\** | trailing backslash \ | <!-- globalThis.pwned = "html" -->
     *
     * @param thingId a globalThis.pwned = "ls"; b
     */
    ProtoResource.prototype.constructor2 = function (thingId, params, options) {
        if (params === void 0) { params = {}; }
        return this._client.request(constructorOp, [thingId], params, options);
    };
    /**
     * ${globalThis.pwned = "template"}
     *
     * @param thingId a globalThis.pwned = "ls"; b
     */
    ProtoResource.prototype.delete = function (thingId, options) {
        return this._client.request(deleteOp, [thingId], undefined, options);
    };
    /**
     * '; globalThis.pwned = 'squote'; '
     *
     * @param thingId a globalThis.pwned = "ls"; b
     */
    ProtoResource.prototype.proto = function (thingId, params, options) {
        return this._client.request(protoOp, [thingId], params, options);
    };
    return ProtoResource;
}());
exports.ProtoResource = ProtoResource;
