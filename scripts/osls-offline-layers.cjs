'use strict';
// osls plugin. While packaging, osls asks CloudFormation for the deployed stack's layer hash so that
// `deploy` can skip re-uploading an unchanged layer. Without AWS credentials (packaging offline, in
// CI) that lookup throws; here it then counts as "no deployed stack", which is what osls itself
// does for a first deploy. With credentials nothing changes.
class OfflineLayerPackaging {
  constructor(serverless) {
    const compileLayers = serverless.pluginManager.plugins.find((p) => p.constructor.name === 'AwsCompileLayers');
    if (!compileLayers || typeof compileLayers.compareWithLastLayer !== 'function') {
      throw new Error('osls-offline-layers: AwsCompileLayers.compareWithLastLayer not found in this osls version');
    }
    const compareWithLastLayer = compileLayers.compareWithLastLayer.bind(compileLayers);
    compileLayers.compareWithLastLayer = async (layerName) => {
      try {
        return await compareWithLastLayer(layerName);
      } catch (error) {
        if (error && error.code === 'AWS_CREDENTIALS_NOT_FOUND') return undefined;
        throw error;
      }
    };
  }
}

module.exports = OfflineLayerPackaging;
