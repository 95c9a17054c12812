import Foundation

// Placeholder: eks-token is built by its issue. It does nothing yet and says so.
FileHandle.standardError.write(Data("eks-token: not implemented yet\n".utf8))
exit(1)
