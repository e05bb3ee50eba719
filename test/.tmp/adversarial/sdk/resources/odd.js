"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OddResource = void 0;
var oddGlobalThisPwnedTemplateOpOp = {
    id: 'odd */ ${globalThis.pwned = "template"} `op`',
    method: 'GET',
    path: '/odd/{a}/{b}',
    pathParams: [{ name: 'a' }, { name: 'b' }],
    query: [{ name: 'a' }],
    response: 'text',
    security: [['*/ pwnedScheme']],
};
var OddResource = /** @class */ (function () {
    function OddResource(client) {
        this._client = client;
    }
    /**
     * \@deprecated
     * \@type {pwnedType}
     * *\/ export const pwnedExport = 1; /\**
     *
     * @param a a globalThis.pwned = "ls"; b
     * @param b a globalThis.pwned = "ls"; b
     */
    OddResource.prototype.globalThisPwnedTemplateOp = function (a, b, params, options) {
        if (params === void 0) { params = {}; }
        return this._client.request(oddGlobalThisPwnedTemplateOpOp, [a, b], params, options);
    };
    return OddResource;
}());
exports.OddResource = OddResource;
