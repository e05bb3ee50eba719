"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PwnedTagGlobalThisPwnedBacktickResource = void 0;
var getItemOp = {
    id: 'getItem',
    method: 'GET',
    path: '/case/{id}',
    pathParams: [{ name: 'id' }],
    response: 'empty',
    security: [['*/ pwnedScheme']],
};
var getItem2Op = {
    id: 'GetItem',
    method: 'POST',
    path: '/case/{id}',
    pathParams: [{ name: 'id' }],
    response: 'empty',
    security: [['*/ pwnedScheme']],
};
var getItem3Op = {
    id: 'get-item',
    method: 'PATCH',
    path: '/case/{id}',
    pathParams: [{ name: 'id' }],
    response: 'empty',
    security: [['*/ pwnedScheme']],
};
/**
 * \@deprecated
 * \@type {pwnedType}
 * *\/ export const pwnedExport = 1; /\**
 */
var PwnedTagGlobalThisPwnedBacktickResource = /** @class */ (function () {
    function PwnedTagGlobalThisPwnedBacktickResource(client) {
        this._client = client;
    }
    /** @param id a globalThis.pwned = "ls"; b */
    PwnedTagGlobalThisPwnedBacktickResource.prototype.getItem = function (id, options) {
        return this._client.request(getItemOp, [id], undefined, options);
    };
    /** @param id a globalThis.pwned = "ls"; b */
    PwnedTagGlobalThisPwnedBacktickResource.prototype.getItem2 = function (id, options) {
        return this._client.request(getItem2Op, [id], undefined, options);
    };
    /** @param id a globalThis.pwned = "ls"; b */
    PwnedTagGlobalThisPwnedBacktickResource.prototype.getItem3 = function (id, options) {
        return this._client.request(getItem3Op, [id], undefined, options);
    };
    return PwnedTagGlobalThisPwnedBacktickResource;
}());
exports.PwnedTagGlobalThisPwnedBacktickResource = PwnedTagGlobalThisPwnedBacktickResource;
