import Foundation

// Placeholder: bluegreen-deploy is built by its issue. It does nothing yet and says so.
FileHandle.standardError.write(Data("bluegreen-deploy: not implemented yet\n".utf8))
exit(1)
