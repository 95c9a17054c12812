// The request, transport, retry and secret types appear in AWSKit's API, so a program that
// imports AWSKit gets them without depending on SDKCore by name.
@_exported import SDKCore
