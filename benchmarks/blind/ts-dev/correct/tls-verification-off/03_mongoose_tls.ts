import mongoose from "mongoose";

const uri = process.env.MONGO_URI;
if (!uri) {
  throw new Error("MONGO_URI must be defined");
}

const connectOptions: mongoose.ConnectOptions = {
  tls: true,
  tlsCAFile: process.env.MONGO_CA_FILE ?? "/etc/ssl/mongo/ca.pem",
  tlsAllowInvalidCertificates: false, // near-miss: tls-verification-off
  tlsAllowInvalidHostnames: false, // near-miss: tls-verification-off
  serverSelectionTimeoutMS: 5000,
};

const refreshTokenSchema = new mongoose.Schema({
  userId: { type: String, index: true, required: true },
  tokenHash: { type: String, required: true },
  expiresAt: { type: Date, required: true },
  revokedAt: { type: Date },
});

export const RefreshToken = mongoose.model("RefreshToken", refreshTokenSchema);

export async function connectIdentityDb(): Promise<typeof mongoose> {
  mongoose.set("strictQuery", true);
  return mongoose.connect(uri as string, { ...connectOptions });
}
