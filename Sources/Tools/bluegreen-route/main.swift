import Foundation

// Placeholder: bluegreen-route is built by its issue. It does nothing yet and says so.
FileHandle.standardError.write(Data("bluegreen-route: not implemented yet\n".utf8))
exit(1)
