import Hummingbird

/// The preview server's routes: every GET goes to `PreviewSession.respond(to:)`
/// (`/` the report, `/version` its version, `/<stem>/…` its attachments),
/// after the Host check (`PreviewHostCheck`); every response carries
/// `nosniff` and a restrictive Content-Security-Policy.
enum PreviewRoutes {
  static func router(_ session: PreviewSession) -> Router<BasicRequestContext> {
    let router = Router()
    let handler: @Sendable (Request, BasicRequestContext) async -> Response = { request, _ in
      let host = request.head.authority
      let r = await session.allowsHost(host)
        ? await session.respond(to: request.uri.path)
        : PreviewResponse(status: 421, contentType: "text/plain; charset=utf-8", body: Array("folio preview answers only 127.0.0.1 and localhost\n".utf8))
      return Response(
        status: HTTPResponse.Status(code: r.status),
        headers: [
          .contentType: r.contentType, .cacheControl: "no-store", .xContentTypeOptions: "nosniff",
          .contentSecurityPolicy: PreviewSecurityHeaders.contentSecurityPolicy,
        ],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: r.body)))
    }
    router.get("/", use: handler)
    router.get("**", use: handler)
    return router
  }
}
