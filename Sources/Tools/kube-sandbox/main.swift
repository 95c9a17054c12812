import Foundation

// Placeholder: kube-sandbox is built by its issue. It does nothing yet and says so.
FileHandle.standardError.write(Data("kube-sandbox: not implemented yet\n".utf8))
exit(1)
