"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConstructorApiResource = void 0;
var defaultOp = {
    id: 'default',
    method: 'GET',
    path: '/things',
    query: [{ name: 'filter[${x}]' }],
    response: 'json',
    security: [['*/ pwnedScheme']],
};
var createThingOp = {
    id: 'createThing',
    method: 'POST',
    path: '/things',
    body: { mediaType: 'application/json', encoding: 'json' },
    response: 'json',
    security: [['*/ pwnedScheme']],
};
/** ${globalThis.pwned = "template"} */
var ConstructorApiResource = /** @class */ (function () {
    function ConstructorApiResource(client) {
        this._client = client;
    }
    /**
     * line one
     * globalThis.pwned = "newline";
     * //
     */
    ConstructorApiResource.prototype.default = function (params, options) {
        if (params === void 0) { params = {}; }
        return this._client.request(defaultOp, [], params, options);
    };
    /** "; globalThis.pwned = "dquote"; " */
    ConstructorApiResource.prototype.createThing = function (params, options) {
        if (params === void 0) { params = {}; }
        return this._client.request(createThingOp, [], params, options);
    };
    return ConstructorApiResource;
}());
exports.ConstructorApiResource = ConstructorApiResource;
